/**
 * The CLI's text output of `status`, `trend`, `segment`, `model` and `import` in English (the `--json` output
 * keeps its field names and codes in every language). cli.pl.ts says each in Polish.
 */
export const cliEn = {
  // Column headings.
  'cli.col.kind': 'kind',
  'cli.col.rows': 'rows',
  'cli.col.period': 'period',
  'cli.col.value': 'value',
  'cli.col.change': 'change',
  'cli.col.changePct': 'change %',
  'cli.col.expected': 'expected',
  'cli.col.segment': 'segment',
  'cli.col.members': 'members',
  'cli.col.rule': 'rule',
  'cli.col.profile': 'profile',
  'cli.col.customerIds': 'customer ids',
  'cli.col.email': 'email',
  'cli.col.entered': 'entered',
  'cli.col.left': 'left',
  'cli.col.note': 'note',
  'cli.col.predicted': 'predicted',
  'cli.col.actual': 'actual',
  'cli.col.realised': 'realised',
  'cli.col.driver': 'driver',
  'cli.col.importance': 'importance',
  'cli.col.oddsPerSd': 'odds/sd',
  'cli.col.effect': 'effect',
  'cli.col.estimate': 'estimate',
  'cli.col.stdError': 'std error',
  'cli.col.pValue': 'p-value',
  'cli.col.interval': '{level} % interval',
  'cli.col.tier': 'tier',
  'cli.col.share': 'share',
  'cli.col.revenueShare': 'revenue share',
  'cli.col.channel': 'channel',
  'cli.col.costPerCustomer': 'cost/customer',
  'cli.col.netValue': 'net value',
  'cli.col.trait': 'trait',
  'cli.col.top': 'top',
  'cli.col.rest': 'rest',
  'cli.col.lift': 'lift',
  'cli.col.pAdjusted': 'p adjusted',
  'cli.col.prospect': 'prospect',
  'cli.col.score': 'score',
  'cli.col.reasons': 'reasons',
  'cli.col.openLead': 'open lead',
  'cli.col.propensity': 'propensity',
  'cli.col.returnPerSpend': 'revenue per unit of spend (sum of lags)',
  'cli.col.spend': 'spend',
  'cli.col.run': 'run',
  'cli.col.model': 'model',
  'cli.col.started': 'started',
  'cli.col.seconds': 'seconds',
  'cli.col.rowsUsed': 'rows used',
  'cli.col.customersScored': 'customers scored',
  'cli.col.input': 'input',
  'cli.col.decile': 'decile',
  'cli.col.file': 'file',
  'cli.col.read': 'read',
  'cli.col.accepted': 'accepted',
  'cli.col.rejected': 'rejected',
  'cli.col.duplicates': 'duplicates',
  'cli.col.updated': 'updated',

  // Counted things.
  'cli.customers': '{n, plural, one {# customer} other {# customers}}',
  'cli.profiles': '{n, plural, one {# profile} other {# profiles}}',
  'cli.members': '{n, plural, one {# member} other {# members}}',

  // `clientele status` (and `demo`).
  'cli.status.database': 'database {database} ({engine})',
  'cli.status.holds':
    '{customers} and {prospects, plural, one {# prospect} other {# prospects}}; {placed, plural, one {# placed order} other {# placed orders}} worth {revenue}',
  'cli.status.span': ' from {first} to {last}',
  'cli.status.notPlaced': ' ({n} more not placed)',
  'cli.status.revenue': 'gross revenue {gross}, returns {returns}, net revenue {net} (docs/definitions.md)',
  'cli.status.unattributed':
    'customer revenue {revenue}: {n, plural, one {# placed order worth {worth} names} other {# placed orders worth {worth} name}} no customer',
  'cli.status.profiles': '{profiles} (one per person, after identity resolution)',
  'cli.status.imports':
    '{imports, plural, one {# import} other {# imports}}, {rejects, plural, one {# rejected row} other {# rejected rows}} kept (`clientele rejects`)',

  // `clientele scale repair`.
  'cli.scale.repair.none':
    'no half-written rows: every row on the workers belongs to a transaction the coordinator committed',
  'cli.scale.repair.busy': 'writing transactions held the ledger lock; nothing was checked: run it again',
  'cli.scale.repair.found':
    '{rows, plural, one {# half-written row} other {# half-written rows}} of {transactions, plural, one {# rolled-back transaction} other {# rolled-back transactions}} on worker {worker} ({host}:{port}): {tables}',
  'cli.scale.repair.removed': 'removed: the workers now hold only committed rows',
  'cli.scale.repair.dry':
    'dry run: nothing removed; run clientele scale repair without --dry-run to remove them',

  // `clientele trend`.
  'cli.trend.none': 'no orders in the window',
  'cli.trend.title': '{measure}{key} (total {total})',
  'cli.trend.measure.revenue': 'revenue',
  'cli.trend.measure.orders': 'orders',
  'cli.trend.measure.customers': 'customers',
  'cli.trend.measure.segment-size': 'segment-size',
  'cli.trend.season': 'seasonality ({model}, strength {strength}): {figure}',
  'cli.trend.model.additive': 'additive',
  'cli.trend.model.multiplicative': 'multiplicative',
  'cli.trend.noSeason': 'no seasonality: {note}',
  'cli.trend.anomalies': 'anomalies: {list}',
  'cli.trend.anomaly': '{period} {direction} by {difference} (z {z})',
  'cli.trend.above': 'above',
  'cli.trend.below': 'below',
  'cli.trend.noAnomalies': 'no anomalies',

  // `clientele segment …`.
  'cli.segment.saved': '{name}: {members} ({entered} entered, {left} left)',
  'cli.segment.none': 'no segments yet',
  'cli.segment.noRules': 'no rule segments to refresh',
  'cli.segment.exported': '{members} of {name} written to {path}',

  // `clientele model …`.
  'cli.model.run': 'run {run}: ',
  'cli.model.clv.head': '{customers} ({repeat} repeat) to {end}, unit {unit}',
  'cli.model.unit.day': 'day',
  'cli.model.unit.week': 'week',
  'cli.model.unit.month': 'month',
  'cli.model.bgnbd': 'BG/NBD       r {r}  alpha {alpha}  a {a}  b {b}  LL {ll}',
  'cli.model.gammaGamma': 'Gamma-Gamma  p {p}  q {q}  gamma {gamma}',
  'cli.model.pareto': 'Pareto/NBD   r {r}  alpha {alpha}  s {s}  beta {beta}  LL {ll}',
  'cli.model.clv.value':
    'CLV over {months, plural, one {# month} other {# months}}: total {total}, mean {mean}, top decile {top}',
  'cli.model.clv.holdout': 'holdout to {end}: predicted {predicted} vs actual {actual} repeat purchases',
  'cli.model.clv.holdoutThin':
    'holdout to {end}: too small to judge the fit ({actual} repeat purchases seen)',
  'cli.model.churn.head': "{model} on '{label}' = '{positive}', {train} training and {test} test customers",
  'cli.model.churn.fit': 'test ROC AUC {auc}, PR AUC {prAuc}, top-decile lift {lift}, base rate {base}',
  'cli.model.effect.raises': 'raises',
  'cli.model.effect.lowers': 'lowers',
  'cli.model.alive.head': '{customers} to {asOf}; BG/NBD r {r} alpha {alpha} a {a} b {b}',
  'cli.model.alive.risk':
    'mean probability alive {alive}; at risk (alive < {threshold}) {atRisk}; overdue {overdue}',
  'cli.model.regress.ols': 'R² {r2}, adjusted {adjusted}, F p-value {p}',
  'cli.model.regress.logit': 'pseudo-R² {r2}, log-likelihood {ll}',
  'cli.model.regress.separated': ' (separated: Firth estimates)',
  'cli.model.regress.head':
    '{model} of {y} on {n, plural, one {# customer} other {# customers}} ({dropped} left out for missing values); {fit}',
  'cli.model.rfm.head': '{customers} as of {asOf} ({once} bought once)',
  'cli.segment.kind.rule': 'rule',
  'cli.segment.kind.cluster': 'cluster',
  'cli.model.value.head':
    '{customers}, {buyers, plural, one {# buyer} other {# buyers}}; revenue {revenue}, acquisition cost {cost}, net {net}',
  'cli.model.value.top': 'top {n} by {by} (from {threshold}) hold {share} of the value; what they share:',
  'cli.model.value.by.net': 'net',
  'cli.model.value.by.revenue': 'revenue',
  'cli.model.value.by.clv': 'clv',
  'cli.model.value.mean': '{feature} (mean)',
  'cli.model.lookalike.head':
    '{seeds} best of {buyers} buyers (revenue ≥ {threshold}); {prospects, plural, one {# prospect} other {# prospects}} scored',
  'cli.model.lookalike.auc': 'held-out AUC best vs other buyers {auc}',
  'cli.model.propensity.head':
    '{closed, plural, one {# closed lead} other {# closed leads}} ({won} won), {open} open; test AUC {auc} on {test}',
  'cli.model.spend.head':
    '{weeks, plural, one {# week} other {# weeks}} ({first} to {last}), {channels, plural, one {# channel} other {# channels}}, {lags, plural, one {# lag} other {# lags}}; R² {r2}',
  'cli.model.runs.none': 'no model runs yet',
  'cli.model.drift.head': '{model}: run {current} against run {baseline}: {status}',
  'cli.model.drift.status.stable': 'stable',
  'cli.model.drift.status.watch': 'watch',
  'cli.model.drift.status.drifted': 'drifted',
  'cli.model.drift.score': 'score {name}',
  'cli.model.drift.mean': 'score mean {baseline} → {current}',
  'cli.model.drift.churn':
    "churn of run {run}'s {customers}, {days} days on: predicted {predicted}, realised {realised}",
  'cli.model.drift.alert': 'alert raised: {message}',
  'cli.model.drift.alerted': 'alert already raised for these runs',
  'cli.model.drift.retrained': 'retrained: run {run}',

  // `clientele import`.
  'cli.import.total':
    'total: {read} read, {accepted} accepted, {rejected} rejected, {duplicates} duplicates in {seconds} s',
  'cli.import.suppressed':
    'suppressed: {n, plural, one {# row of a person erased with `clientele forget` was dropped} other {# rows of people erased with `clientele forget` were dropped}}',
  'cli.import.reasons': 'rejected by reason: {list} (see `clientele rejects`)',
  'cli.import.identifiers': '{file}: identifies the person by {ids} (kept for every later resolve)',
  'cli.import.warning': 'warning: {file}: {message}',
  'cli.import.failed': 'failed: {file}: {message}',
  'cli.import.profiles':
    'profiles: {n, plural, one {# person} other {# people}} now ({refreshed} updated, {merges} merges, {segments} saved segments refreshed)',
  'cli.import.columns': 'columns:',
  'cli.import.columnsOf': 'columns of {file}:',
  'cli.import.trait': "trait '{column}'",

  // `clientele users language`.
  'cli.users.language': 'language of {name} set to {language}',
  'cli.users.language.en': 'English',
  'cli.users.language.pl': 'Polish',
  'cli.users.language.auto': "the browser's, request by request",
  // demo, journeys, campaigns and experiments (src/cli/commands/): what they say to a person.
  'cli.demo.generating':
    'generating the demo business ({customers, plural, one {# customer} other {# customers}}, seed {seed}) into {dir}',
  'cli.demo.imported': 'imported {file}: {rows, plural, one {# row} other {# rows}}, {rejected} rejected',
  'cli.demo.joined':
    'joined {records, plural, one {# record} other {# records}} into {profiles, plural, one {# profile} other {# profiles}} ({merges, plural, one {# merge} other {# merges}})',
  'cli.demo.existing': '{location} already holds data; showing it (delete the file for a fresh demo)',
  'cli.demo.next':
    'next: `clientele profiles` for the most valuable people, `clientele profile <email or id> --explain` for one of them,\n      `clientele rejects` for the rows the importer kept aside, `clientele status` for this summary',
  'cli.warning': 'warning: {message} ({code})',
  'cli.journey.line': 'journey {name} ({state}): {trigger}, {steps, plural, one {# step} other {# steps}}',
  'cli.journey.updated':
    'version {version}: {stayed} stayed, {moved} moved to the next surviving step, {exited} left (their step was removed)',
  'cli.campaign.line': 'campaign {name} to {segment}',
  'cli.campaign.wouldSend': 'would send {n} of {recipients}; skipped: {skipped}',
  'cli.campaign.sent': 'sent {n} of {recipients}; skipped: {skipped}',
  'cli.experiment.line': 'experiment {name} on {segment}: {variants}',
  'cli.experiment.assigned': '{customer}: {variant}',
  'cli.experiment.notMember': '{customer}: {variant} (not in the segment: not assigned)',
  'cli.journey.run':
    'entered {entered}, advanced {advanced}, sent {sent}, skipped {skipped}, deferred {deferred} (quiet hours), exited {exited}',
  'cli.journey.runFailed':
    'entered {entered}, advanced {advanced}, sent {sent}, skipped {skipped}, deferred {deferred} (quiet hours), exited {exited}, failed {failed}',
  'cli.journey.skipped': 'skipped',
} as const;
