import { cliEn } from './cli.en.js';
import { detailsEn } from './details.en.js';
import { findingsEn } from './findings.en.js';
import { ingestEn } from './ingest.en.js';
import { sharedEn } from './shared.js';

/**
 * The server's sentences in English: persona statements and summaries, playbook actions, warnings, the
 * report's words and the persona card's headings. Keys are dotted by area; `{name}` is a value,
 * `{n, plural, one {…} other {…}}` a plural (src/i18n/icu.ts). pl.ts must have every key (the compiler and
 * src/i18n/i18n.test.ts both check).
 */
export const en = {
  ...findingsEn,
  ...cliEn,
  ...sharedEn,
  ...detailsEn,
  ...ingestEn,
  // Shared words.
  'common.na': 'n/a',
  'common.none': 'none measured',
  'common.yes': 'yes',
  'common.no': 'no',
  'common.and': ' and ',
  'common.vsOthers': ' (×{lift} vs others)',

  // Sales-cycle stages (the `stage` field keeps its code; these are its words).
  'stage.prospect': 'prospect',
  'stage.first purchase': 'first purchase',
  'stage.repeat': 'repeat',
  'stage.loyal': 'loyal',
  'stage.lapsing': 'lapsing',
  'stageWords.prospect': 'Prospects who have not bought yet',
  'stageWords.first purchase': 'New customers after a first purchase',
  'stageWords.repeat': 'Repeat buyers',
  'stageWords.loyal': 'Loyal frequent buyers',
  'stageWords.lapsing': 'Lapsing customers',

  // Must-have elements of a persona.
  'mustHave.stage': 'stage',
  'mustHave.decisionMaker': 'decision makers',
  'mustHave.preferredChannel': 'preferred channel',
  'mustHave.triggers': 'triggers',
  'mustHave.holdbacks': 'holdbacks',

  // Days of the week, as the data names them (English, from strftime %A).
  'day.Monday': 'Monday',
  'day.Tuesday': 'Tuesday',
  'day.Wednesday': 'Wednesday',
  'day.Thursday': 'Thursday',
  'day.Friday': 'Friday',
  'day.Saturday': 'Saturday',
  'day.Sunday': 'Sunday',

  // Persona statements (src/portraits/personas/build.ts).
  // The 202 while personas are computed (GET /v1/personas).
  'persona.computing':
    'The personas are still being computed in the background (large data takes minutes); ask again in {seconds} s and they will be ready once the computation ends.',
  'persona.computingEarlier':
    'These personas are from {date}, an earlier state of the data or segments; the current ones are being computed in the background: ask again in {seconds} s.',
  'persona.notEnoughData': 'Not enough data:',
  'persona.smallWhy':
    'the segment has {size, plural, one {# member} other {# members}}, fewer than the {min} a finding needs',
  'persona.stage':
    '{stage}: {buyers} have bought, median {orders} orders, median {days} days since the last order',
  'persona.stageChurn': ', mean churn risk {churn}',
  'persona.decision.mostly': 'mostly decision makers: {share} of {known} B2B contacts decide',
  'persona.decision.mostlyNot': 'mostly not decision makers: {share} of {known} B2B contacts decide',
  'persona.decision.thin':
    'decision-maker status is known for {known} of {size} members (it needs {min} contacts and {coverage} of members; B2B contact data rarely covers consumers)',
  'persona.channel': '{channel}: {click} of {channel} messages clicked{lift}',
  'persona.channelOpened': ', {open} opened',
  'persona.channel.thin':
    'no message channel sent {min} or more messages to members with clicks measured ({sent})',
  'persona.channel.noMessages': 'no messages at all',
  'persona.trigger.afterClick': 'a message click in the {days, plural, one {# day} other {# days}} before',
  'persona.trigger.campaign': 'a campaign named on the order',
  'persona.trigger.discounted': 'a discount of 10% or more, or a coupon',
  'persona.trigger.afterView': 'a product view in the {days, plural, one {# day} other {# days}} before',
  'persona.trigger.afterLifeEvent':
    'a life event (move, marriage, birth) in the {days, plural, one {# day} other {# days}} before',
  'persona.trigger': '{what}: {share} of their orders{lift}',
  'persona.trigger.none':
    'Nothing sets their orders apart: no message click, campaign, discount, product view or life event precedes their {orders, plural, one {# order} other {# orders}} at least {lift}× as often as everyone else’s beyond chance',
  'persona.trigger.noOrders': 'they have placed no order, so nothing shows what would precede one',
  'persona.trigger.fewOrders':
    '{orders, plural, one {# order} other {# orders}}, fewer than the {min} needed to say what precedes them',
  'persona.holdback.neverBought': '{share} never bought',
  'persona.holdback.funnel': "{drop} of those with '{from}' never reach '{to}' (others: {rest})",
  'persona.holdback.price': 'price-sensitive: {share} of orders discounted 10% or more{lift}',
  'persona.holdback.returns': 'returns {rate} of orders{lift}',
  'persona.holdback.complaint': 'complains about "{value}": {share} of their complaints',
  'persona.holdback.objection': 'objects to {value} ({count} of {notes} sales notes)',
  'persona.holdback.none':
    'No holdback stands out: no funnel step loses {drop} of them, discounts and returns are not above others, no complaint or objection recurs',
  'persona.holdback.thin':
    '{orders} orders and {reached} members in the funnel, fewer than the {min} needed to say what holds them back',
  'persona.source': '{value}: {share} of their sourced touchpoints{lift}',
  'persona.source.acquired': 'acquired via {value}: {share}{lift}',
  'persona.source.none':
    'No source sets them apart: none brings them at least {lift}× the share of visits it brings everyone else, beyond chance (their commonest: {value}, {share})',
  'persona.times':
    'busiest at {hours} ({tz}) and on {days}: {share} of their activity in those hours (others: {rest})',
  'persona.negative.never': 'negative persona: {share} have ever bought',
  'persona.negative.costs': 'negative persona: costs {money} more than it brings',
  'persona.positive': 'brings {money} net of goods cost, returns and acquisition cost',
  'persona.demographic': '{feature} {value}: {share}{lift}',
  'persona.summary.negative': 'Negative persona: ',
  'persona.summary.perPerson': '{orders} orders and {revenue} revenue per person',
  'persona.summary.reached': 'best reached by {channel}',
  'persona.summary.small': 'only {size, plural, one {# member} other {# members}}: too few for findings',
  'persona.phrase.age': 'aged {value}',
  'persona.phrase.children': '{value} children',
  'persona.usualChannel': 'their usual channel',

  // The persona card (src/portraits/personas/card.ts).
  'card.channel': 'Preferred channel · active',
  'card.decision': 'Decision makers',
  'card.triggers': 'Triggers',
  'card.holdbacks': 'Holdbacks',
  'card.sources': 'Information sources',
  'card.products': 'Top products',
  'card.value': 'Value',
  'card.valueLine': 'revenue {revenue} ({share} of all)',
  'card.clv': ' · mean CLV {clv}',
  'card.careful': 'Read with care',
  'card.people': '{segment} · {n, plural, one {# person} other {# people}}',
  'card.negative': 'negative persona',
  'card.notes': 'Notes',
  'card.preferred': 'Preferred channel',
  'card.active': 'Active',
  'card.demographics': 'Demographics',
  'card.actions': 'Suggested actions',
  'card.evidence': 'Evidence',
  'card.why': 'Why: {text}',
  'card.expected': 'Expected: {text}',
  'card.edited': 'Edited by people: {fields}',
  'card.demographic': '{feature}: {value} ({share}, ×{lift})',
  'card.product': '{product} ({share} bought, ×{lift})',
  'card.valueFull':
    'revenue {revenue} ({share} of all) · {orders} orders per person · mean CLV {clv} · mean churn risk {churn} · net {net}',
  'card.none': 'none',
  'card.title': '{name}: persona of {segment}',

  // The default playbook's actions (src/portraits/personas/playbook.ts), by rule.
  'playbook.winBack.action':
    'Send a personal win-back offer on {preferredChannel} to the {size} members before they lapse.',
  'playbook.winBack.effect':
    'Protects up to {clvAtRisk} of expected customer value (members × mean CLV {clvMean} × mean churn risk {churnRiskMean%}).',
  'playbook.reengage.action':
    'Start a re-engagement series on {preferredChannel} with what they bought before.',
  'playbook.reengage.effect':
    'Each member who comes back is worth about {revenuePerOrder} per order; mean churn risk now {churnRiskMean%}.',
  'playbook.firstPurchase.action':
    'Offer a small first-purchase incentive (e.g. 10% off the first order) on {preferredChannel}.',
  'playbook.firstPurchase.effect':
    'If they converted like everyone else ({restBuyerShare%} buy), {potentialBuyers} more buyers.',
  'playbook.secondPurchase.action':
    'Follow the first order with products bought together with it, within 30 days, on {preferredChannel}.',
  'playbook.secondPurchase.effect': 'Mean CLV {clvMean} now; a second order adds about {revenuePerOrder}.',
  'playbook.loyalty.action':
    'Invite them to the loyalty programme and suggest what is bought together with their last order, on {preferredChannel}.',
  'playbook.loyalty.effect':
    'Each further order is worth about {revenuePerOrder}; mean CLV {clvMean} ({clvLift}× everyone else), mean churn risk {churnRiskMean%}.',
  'playbook.vip.action':
    'Give the {size} members a VIP treatment: early access, a personal contact, no discount-led messages.',
  'playbook.vip.effect':
    'They bring {revenueShare%} of all revenue; mean CLV {clvMean}, {clvLift}× everyone else.',
  'playbook.referral.action': 'Ask for referrals (refer-a-friend reward) and reviews.',
  'playbook.referral.effect':
    'They bring {revenueShare%} of all revenue with {ordersPerMember} orders each; mean CLV {clvMean}.',
  'playbook.suppress.action':
    'Exclude the {size} members from paid campaigns and lookalike seeds; keep owned channels only.',
  'playbook.suppress.effect':
    'Net value now {net} after goods cost, returns and acquisition cost; the spend saved is not wasted on them.',
  'playbook.evidence': '{figure} = {value} ({op} {threshold})',

  // Figures a playbook rule names, in words (evidence lines).
  'figure.clvLift': 'CLV against everyone else',
  'figure.churnRiskMean': 'mean churn risk',
  'figure.stage': 'stage',
  'figure.negative': 'negative persona',
  'figure.size': 'members',
  'figure.revenueShare': 'share of revenue',
  'figure.buyerShare': 'share who bought',
  'figure.clvMean': 'mean CLV',
  'figure.ordersPerMember': 'orders per member',
  'figure.net': 'net value',

  // Warnings with their figures.
  'warn.personaSmall':
    '{segment} has {size, plural, one {# member} other {# members}} (fewer than {min}): the persona states its size, stage and value, and no finding',
  'warn.personaThin': '{segment}: not enough data for {fields}; the persona says so in each of them',
  'warn.voiceSampled':
    'their words and quotes come from a random sample of {sampled} of the {documents} texts they wrote; term counts are of the sample',
  'warn.voiceFew':
    'its members wrote only {n, plural, one {# text} other {# texts}}: their words and sentiment could be chance',
  // The audit's sentences that name a field (src/housekeeping/audit.ts): the field by its label.
  // A source by its kind's label and the file's name ("Customers: more-customers.csv").
  'audit.source': '{kind}: {file}',
  'audit.fieldsEmpty':
    '{source}: {n, plural, one {the field “{fields}” is empty in every row} other {# fields are empty in every row: {fields}}}',
  // Remedies that name a place to act: `.cli` for the command line, `.web` for the web app (audit.ts, remedy).
  'audit.fieldsEmpty.fix.cli':
    '{n, plural, one {check the column mapped to it in the export, or map another with --map} other {check the columns mapped to them in the export, or map others with --map}}',
  'audit.fieldsEmpty.fix.web':
    '{n, plural, one {check the column mapped to it in the export, or choose another in the column mapping when you import the file again on the Data screen} other {check the columns mapped to them in the export, or choose others in the column mapping when you import the file again on the Data screen}}',
  'audit.rowsRejected':
    '{source}: {n, plural, one {# row was refused at import (its values could not be stored)} other {# rows were refused at import (their values could not be stored)}}',
  'audit.rowsRejected.fix.cli':
    '`clientele rejects --import {id}` lists them with the reason; correct the export and import it again',
  'audit.rowsRejected.fix.web':
    'the Data screen lists them under Rejected rows, with the reason; correct the export and import it again',
  // Distinct addresses and numbers (each counted once across every table) beside the rows of one field:
  // the two findings name the same fault in the same words and say which they count.
  'audit.emailSyntax':
    '{n, plural, one {# distinct e-mail address (counted once across every table) is not a valid e-mail address} other {# distinct e-mail addresses (each counted once across every table) are not valid e-mail addresses}}',
  'audit.emailSyntax.fix': 'correct them at the source; they cannot be mailed',
  'audit.emailDisposable':
    '{n, plural, one {# address is at a disposable (throwaway) domain} other {# addresses are at disposable (throwaway) domains}}',
  'audit.emailDisposable.fix': 'do not count them as reachable; ask for a lasting address',
  'audit.emailRole':
    '{n, plural, one {# address names a role (info@, sales@), not a person} other {# addresses name a role (info@, sales@), not a person}}',
  'audit.emailRole.fix': 'find the person behind the shared inbox',
  'audit.emailTypo':
    '{n, plural, one {# address at {domain}, likely a typo of {to}} other {# addresses at {domain}, likely a typo of {to}}}',
  'audit.emailTypo.fix': 'correct {domain} to {to}',
  'audit.emailBounced':
    '{n, plural, one {# address bounced: it is undeliverable after the first hard bounce} other {# addresses bounced: they are undeliverable after the first hard bounce}}',
  'audit.emailBounced.fix': 'stop sending to them and ask the person for a new address',
  'audit.emailComplained':
    '{n, plural, one {# address marked a message as spam} other {# addresses marked a message as spam}}',
  'audit.emailComplained.fix': 'stop sending marketing to them',
  'audit.phoneCountry':
    '{n, plural, one {# distinct phone number (counted once across every table) is not a valid phone number for its country} other {# distinct phone numbers (each counted once across every table) are not valid phone numbers for their country}}',
  'audit.phoneCountry.fix': 'store them with the country code (E.164), or correct the country of the row',
  'audit.phoneNoRegion':
    '{n, plural, one {# phone number has neither a country code nor a country on its row, so it cannot be checked} other {# phone numbers have neither a country code nor a country on their row, so they cannot be checked}}',
  'audit.phoneNoRegion.fix': 'import the country with them, or store numbers in E.164',
  'audit.stale':
    'No source has confirmed {n, plural, one {# person} other {# people}} of {profiles} since {cutoff}',
  'audit.stale.fix':
    're-verify them (a confirmation e-mail, a verification service) or let their data age out',
  'audit.disagree.fix.cli':
    "decide which source is right (`clientele profile ID --explain` shows each record's file) and correct the other",
  'audit.disagree.fix.web':
    "decide which source is right (a profile's records name their files) and correct the other",
  'audit.deliveredEarly':
    '{n, plural, one {# order was delivered before it was placed} other {# orders were delivered before they were placed}}',
  'audit.deliveredEarly.fix': 'check the time zones and date formats of the two columns in the export',
  'audit.emailInvalid':
    '{n, plural, one {# row holds a value of “{field}” that is not a valid e-mail address} other {# rows hold a value of “{field}” that is not a valid e-mail address}}',
  'audit.emailInvalid.fix': 'correct them at the source or clear them',
  'audit.phoneInvalid':
    '{n, plural, one {# row holds a value of “{field}” that is not a valid phone number for its country} other {# rows hold a value of “{field}” that is not a valid phone number for their country}}',
  'audit.phoneInvalid.fix': 'store numbers with their country code (E.164), or fix the country of the row',
  'audit.postalInvalid':
    "{n, plural, one {# row holds a value of “{field}” that does not fit its country's postal code pattern} other {# rows hold a value of “{field}” that does not fit their country's postal code pattern}}",
  'audit.postalInvalid.fix': 'check the country of those rows and the code itself',
  'audit.ageImpossible':
    '{n, plural, one {# row holds an impossible value of “{field}” (below 0 or above {max} years)} other {# rows hold an impossible value of “{field}” (below 0 or above {max} years)}}',
  'audit.ageImpossible.fix': 'clear them or ask again',
  'audit.dateImpossible':
    '{n, plural, one {# row holds an impossible value of “{field}” (in the future, or before {earliest})} other {# rows hold an impossible value of “{field}” (in the future, or before {earliest})}}',
  'audit.dateImpossible.fix': 'check the date format of the export (day and month swapped?) or clear them',
  'audit.invalid':
    '{n, plural, one {# row holds an invalid value of “{field}”} other {# rows hold an invalid value of “{field}”}}',
  'audit.invalid.fix': 'correct them at the source',
  'audit.disagree': '{n} people have records that disagree on “{field}”',
  'warn.reportSmall':
    '{segment} has {size, plural, one {# member} other {# members}}: its figures could be chance.',
  'warn.reportNoChurn':
    '{segment} has no churn scores: run a churn model (clientele model churn) to see revenue at stake.',

  // CLI messages meant for people (JSON output keeps its codes and field names in every language).
  'cli.report.wrote':
    'wrote {out} ({format}, {bytes} bytes): {count, plural, =0 {no segment} one {# segment: {names}} other {# segments: {names}}}',
  'cli.warning': 'warning: {message} ({code})',
  'cli.col.order': 'order',
  'cli.col.customer': 'customer',
  'cli.col.customers': 'customers',
  'cli.col.when': 'when',
  'cli.col.revenue': 'revenue',
  'cli.col.orders': 'orders',
  'cli.col.why': 'why',
  'cli.col.card': 'card',
  'cli.col.peak': 'peak',
  'cli.concentration.none': 'no sales of {filter} in the window',
  'cli.scan.summary':
    '{credible} of {scored, plural, one {# cell scored is a concentration} other {# cells scored are concentrations}} at a false discovery rate of {fdr}',
  'cli.scan.shown': ' (first {n} shown)',
  'cli.swot.title': 'SWOT-TOWS — {name}',
  'cli.swot.edited': ' (edited)',
  'cli.swot.strengths': 'strengths',
  'cli.swot.weaknesses': 'weaknesses',
  'cli.swot.opportunities': 'opportunities',
  'cli.swot.threats': 'threats',
  'cli.swot.nothing': '(nothing found in the data)',
  'cli.written': 'written to {out}',

  // The report (src/reports/html.ts).
  'report.generated': 'Made on {date} · {profiles} profiles · money in {currency}',
  'report.noSegments':
    'No saved segments yet. Save one (clientele segment create) and make the report again.',
  'report.segment': 'Segment',
  'report.rule': 'Rule',
  'report.members': '{n, plural, one {# member} other {# members}}',
  'report.size': 'Size',
  'report.change': 'Change since {date}',
  'report.perMember': 'Revenue per member',
  'report.clv': 'Mean predicted value (CLV)',
  'report.atStakeNote':
    '{n, plural, one {# member at risk} other {# members at risk}} (churn risk 50% or more)',
  'report.atStakeClv': 'their predicted value {value}',
  'report.channel': 'Best reached by',
  'report.stage': 'Stage',
  'report.careful': 'Read with care',
  'report.none': 'n/a',
  'report.series.revenue': 'Revenue',
  'report.series.atStake': 'At stake',
  'report.series.size': 'Members',

  // Profile features (src/portraits/features.ts), in words.
} as const;

/** A key of the server's catalogue. */
export type MessageKey = keyof typeof en;

/** A catalogue: a sentence for every key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
