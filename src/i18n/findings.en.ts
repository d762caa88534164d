/**
 * The server's sentences about what the data shows, in English: mining findings (concentrations, the
 * scan, anomalies), SWOT statements and model cards. Spread into the catalogue by en.ts; findings.pl.ts
 * says each in Polish.
 */
export const findingsEn = {
  // When a period falls (src/mining/scan-words.ts): months, seasons, weekdays, hours.
  'mining.when.month.1': 'in January',
  'mining.when.month.2': 'in February',
  'mining.when.month.3': 'in March',
  'mining.when.month.4': 'in April',
  'mining.when.month.5': 'in May',
  'mining.when.month.6': 'in June',
  'mining.when.month.7': 'in July',
  'mining.when.month.8': 'in August',
  'mining.when.month.9': 'in September',
  'mining.when.month.10': 'in October',
  'mining.when.month.11': 'in November',
  'mining.when.month.12': 'in December',
  'mining.when.season.1': 'in December–February',
  'mining.when.season.2': 'in March–May',
  'mining.when.season.3': 'in June–August',
  'mining.when.season.4': 'in September–November',
  'mining.when.dow.1': 'on Mondays',
  'mining.when.dow.2': 'on Tuesdays',
  'mining.when.dow.3': 'on Wednesdays',
  'mining.when.dow.4': 'on Thursdays',
  'mining.when.dow.5': 'on Fridays',
  'mining.when.dow.6': 'on Saturdays',
  'mining.when.dow.7': 'on Sundays',
  'mining.when.hour': 'between {from} and {to}',

  // Dimensions, one value ("region NY") and the rest of a kind ("other regions").
  'mining.dim.region': 'region',
  'mining.dim.country': 'country',
  'mining.dim.city': 'city',
  'mining.dim.channel': 'channel',
  'mining.dim.acquisition_source': 'acquisition source',
  'mining.dim.acquisition_campaign': 'acquisition campaign',
  'mining.dim.category': 'category',
  'mining.dim.product': 'product',
  'mining.dim.segment': 'segment',
  'mining.dims.region': 'regions',
  'mining.dims.country': 'countries',
  'mining.dims.city': 'cities',
  'mining.dims.channel': 'channels',
  'mining.dims.acquisition_source': 'acquisition sources',
  'mining.dims.acquisition_campaign': 'acquisition campaigns',
  'mining.dims.category': 'categories',
  'mining.dims.product': 'products',
  'mining.dims.segment': 'segments',
  'mining.trend.noSeason.day':
    'a seasonal decomposition needs two full seasons ({need} days, a season being a week); this series has {have, plural, one {# whole day} other {# whole days}}',
  'mining.trend.noSeason.week':
    'a seasonal decomposition needs two full seasons ({need} weeks, a season being a year); this series has {have, plural, one {# whole week} other {# whole weeks}}',
  'mining.trend.noSeason.month':
    'a seasonal decomposition needs two full seasons ({need} months, a season being a year); this series has {have, plural, one {# whole month} other {# whole months}}',
  'experiment.method.welch': "Welch's t-test on revenue per member",
  'experiment.method.proportions': 'two-proportion z-test (pooled)',
  'mining.scan.method.test':
    "exact conditional test of two Poisson rates, one-sided mid-p: the cell's share of its group in the period against the reference's share in the same period, counts in Kish effective sizes",
  'mining.scan.method.crossings':
    'a customer dimension crossed with a product dimension is tested against both its parents’ rests (the customer group’s other products, the product outside the customer group) and keeps the larger p (intersection–union)',
  'mining.scan.method.multiplicity':
    'Benjamini–Hochberg over every cell scored; findings are the cells with q ≤ fdr',
  'mining.scan.method.bounds':
    "the test's own (mid-p) lower bound of the lift at the false-coverage-adjusted level 1 − fdr·R/m",
  'mining.ref.everyone': 'everyone else',
  'mining.ref.others': 'other {kinds}',
  'mining.ref.outside': '{kept} outside {other}',
  'mining.ref.othersIn': 'other {kinds} in {kept}',

  // What a measure counts, in a finding ("… of its revenue").
  'mining.measure.revenue': 'revenue',
  'mining.measure.orders': 'orders',
  'mining.measure.customers.month': 'buyer-months',
  'mining.measure.customers.season': 'buyer-seasons',
  'mining.measure.customers.dow': 'buyer-weekdays',
  'mining.measure.customers.hour': 'buyer-hours',

  // A concentration's peak (src/mining/concentration.ts) and a scan finding (src/mining/scan.ts).
  'mining.peak': "{share} {when} against {expected} of all of {value}'s {measure}",
  'mining.peak.lift': ' ({lift}×)',
  'mining.peak.measure.revenue': 'revenue',
  'mining.peak.measure.orders': 'orders',
  'mining.peak.measure.customers': 'customers',
  'mining.finding':
    '{dims}: {share} of its {measure} ({total} in all) fall {when}, against {against} — at least {lift}× (q = {q})',
  'mining.finding.against': '{share} for {words}',

  // Anomalies (src/mining/anomalies.ts): why an order or a customer is unusual.
  'mining.anomaly.order': 'revenue {revenue} is {z} robust sd {direction} the median order (log scale)',
  'mining.above': 'above',
  'mining.below': 'below',
  'mining.anomaly.burst':
    '{n, plural, one {# order} other {# orders}} by {customer} within {window} up to this one',
  'mining.anomaly.customer':
    'revenue {revenue} over {orders, plural, one {# order} other {# orders}} is {z} robust sd {direction} the median customer (log scale)',

  // SWOT statements (src/voice/swot.ts).
  'swot.strength.praise': 'The most valuable customers praise "{term}"',
  'swot.weakness.complaint': 'Customers complain about "{term}"',
  'swot.weakness.churn': 'People who complained are at {risk} churn risk against {others} for the others',
  'swot.opportunity.praiseRising': 'Praise about "{label}" is rising',
  'swot.opportunity.segmentGrew':
    'Segment "{segment}" grew by {net, plural, one {# person} other {# people}} in 90 days',
  'swot.opportunity.region': '{region}: few customers ({customers}) but high value per customer ({value})',
  'swot.threat.competitor':
    '{n, plural, one {# document mentions} other {# documents mention}} a competitor or another supplier',
  'swot.threat.complaintsRising': 'Complaints about "{label}" are rising',
  'swot.threat.churn': '{share}% of customers are at high churn risk (> 0.5)',
  'swot.tows.so': 'Build on what works ({s}) to take the opportunity ({o})',
  'swot.tows.st': 'Answer the threat ({t}) with the strength ({s})',
  'swot.tows.wo': 'Fix the weakness ({w}) to capture the opportunity ({o})',
  'swot.tows.wt': 'Fix the weakness ({w}) before the threat grows ({t})',

  // Model cards (src/modeling/*): titles, what the model does, what to keep in mind.
  'modelCard.clv.title': 'Customer lifetime value (BG/NBD + Gamma-Gamma)',
  'modelCard.clv.what':
    'Repeat purchases by BG/NBD (Fader, Hardie & Lee 2005) and spend per purchase by Gamma-Gamma, fitted by maximum likelihood on purchases up to {calibrationEnd}; CLV over {months, plural, one {# month} other {# months}} discounted at {rate} a month.',
  'modelCard.clv.steady':
    'BG/NBD assumes purchases at a steady rate until an unobserved dropout; strong seasonality bends it.',
  'modelCard.clv.independent':
    'Gamma-Gamma assumes spend per purchase independent of frequency; see the correlation of spend and frequency.',
  'modelCard.alive.title': 'Non-contractual churn: probability alive (BG/NBD)',
  'modelCard.alive.what':
    "Probability that each customer still buys, from BG/NBD fitted on purchases to {calibrationEnd}; at risk below {threshold}; overdue when the time since the last purchase is over {overdue} times the customer's mean gap.",
  'modelCard.alive.noLabel':
    'No label: the probabilities are the model’s, not checked against observed churn. Use `model clv` with a calibration end for a holdout check.',
  'modelCard.churn.title': "Churn classifier on '{label}' = '{positive}'",
  'modelCard.churn.what':
    "{method} predicting '{label}' = '{positive}' from {features, plural, one {# trait or metric} other {# traits and metrics}}; measured on {test}.",
  'modelCard.churn.logistic': 'L2-regularized logistic regression (C = 1) on standardized features',
  'modelCard.churn.trees': 'Histogram gradient-boosted trees',
  'modelCard.churn.testTime': 'the customers from {from} on by {column}',
  'modelCard.churn.testRandom': 'a stratified {percent} % test part (seed {seed})',
  'modelCard.churn.timeSplit':
    'Time-based holdout on the customers’ dates; their features are measured to the end of the data.',
  'modelCard.churn.randomSplit':
    'A random split, not a time split: the scores say who resembles past churners, not who will churn next.',
  'modelCard.churn.drivers': 'Drivers are associations, not causes.',
  'modelCard.lookalike.title': 'Lookalike: prospects who resemble the best customers',
  'modelCard.lookalike.what':
    'L2-regularized logistic regression on traits, the top {percent} % of buyers by revenue against the other buyers; prospects scored by it.',
  'modelCard.lookalike.resemblance':
    'Resemblance on the traits customers gave, not a propensity to buy: no prospect outcome is used.',
  'modelCard.lookalike.auc':
    'An AUC near 0.5 means the traits do not tell the best buyers apart; then the scores mean little.',
  'modelCard.propensity.title': 'Propensity of open leads to convert',
  'modelCard.propensity.what':
    'L2-regularized logistic regression of won against lost on the closed leads of the sales notes, from traits, how the lead heard of us and the objections raised; measured on a stratified {percent} % of them (seed {seed}).',
  'modelCard.propensity.few':
    'Few closed leads make a noisy model: read the AUC with the number of test rows.',
  'modelCard.propensity.objections':
    'Objections are counted over the whole history of a lead, so an open lead early in its cycle shows fewer.',
  'modelCard.regress.title': '{kind} of {y} on {x}',
  'modelCard.regress.ols':
    'Ordinary least squares by Householder QR; t tests and intervals with n − p degrees of freedom.',
  'modelCard.regress.logit': 'Logistic regression by Newton–Raphson with Wald z tests.',
  'modelCard.regress.logitSeparated':
    'Logistic regression by Newton–Raphson with Wald z tests; the classes were separated, so the estimates are Firth’s penalized ones.',
  'modelCard.regress.associations': 'Associations among customers, not causal effects.',
  'modelCard.rfm.title': 'RFM quintiles and tiers',
  'modelCard.rfm.what':
    'Recency (days to {asOf}), frequency (purchases) and monetary value (revenue) scored 1–5 by quintile of mid-rank; tiers from the R × FM grid.',
  'modelCard.rfm.relative':
    'Quintiles are relative to this customer base: a tier says how a customer ranks, not how much they are worth.',
  'modelCard.rfm.ties': 'Frequency ties score at their low end: every one-time buyer has F = 1.',
  'modelCard.spend.title': 'Weekly marketing spend by channel against sales',
  'modelCard.spend.what':
    "OLS of weekly purchase revenue on each channel's spend in the same week{lags, plural, =0 {} one { and the one before} other { and the # before}}.",
  'modelCard.spend.seasons':
    'Spend follows the same seasons as sales, so coefficients mix the two; read them as associations.',
  'modelCard.spend.adstock':
    'No adstock or saturation: this is a plain distributed-lag regression, not a media-mix model.',
  'modelCard.value.title': 'Historic customer value and what the most valuable customers share',
  'modelCard.value.what':
    'Revenue, margin, acquisition cost (channel spend in the cohort month per customer acquired), discounts and net value per customer; the top {percent} % by {by} compared with the rest on every trait (z and Welch t tests, Bonferroni-adjusted).',
  'modelCard.value.acquisition':
    'Acquisition cost is spend shared among the customers who name that channel; customers without a channel carry none.',
  'modelCard.value.contrasts': 'Contrasts are associations; many are tested, so read the adjusted p-values.',
} as const;
