/**
 * Errors' own words with their names and values, as phrases (`ClienteleError.said`): a Polish error answer's
 * `details.detail` is said from these. English answers keep the message the code wrote, which these match.
 */
export const detailsEn = {
  'error.noSegment': "no segment named '{name}'",
  // Things saved under a key, named by their titles (src/i18n/titles.ts); the keys are in the error's details.
  'error.destinationInUse': 'destination “{destination}” is used by audience “{audience}”: delete that first',
  'error.segmentInUse': 'segment “{segment}” is named by segment “{user}”: change or delete that one first',
  'error.noDestination': 'no destination named “{name}”',
  'error.destinationExists': 'a destination named “{name}” exists',
  'error.destinationType': 'type “{type}” is not a kind of destination: use webhook, segment or file',
  'error.destinationNeedsOut': 'a file destination needs out: the path of a .csv or .parquet file',
  'error.destinationOutKind': 'out “{out}”: the file must end in .csv or .parquet',
  'error.destinationNeedsUrl': 'a {type} destination needs url',
  'error.destinationNeedsWriteKey': 'a segment destination needs writeKey: the source’s write key',
  'error.destinationBatch': 'batch {batch}: expected a whole number from 1 to 1000',
  'error.experimentTwoVariants':
    'variants {variants}: an experiment needs at least two variants (a control and one more)',
  'error.experimentVariantTwice': 'variants: each variant once',
  'error.experimentHoldoutVariant': "variants: 'holdout' is the name of the held-out group",
  'error.experimentWeights': 'weights {weights}: one positive number per variant',
  'error.holdoutPercent': 'holdout {holdout}: a percentage from 0 to 99',
  'error.experimentStart': 'start {start}: a date such as 2026-12-01',
  'error.campaignCap': 'cap {cap}: write N/PERIOD, e.g. 2/7d, 1/week or 3/month',
  'error.campaignSmtp': 'smtp {smtp}: write smtp://host:port or smtps://host:port',
  'error.campaignTrackingUrl': "trackingUrl {trackingUrl}: write the server's public http(s) address",
  'error.noAudience': 'no audience named “{name}”',
  'error.audienceExists': 'an audience named “{name}” exists',
  'error.noCampaign': 'no campaign named “{name}”',
  'error.campaignExists': 'a campaign named “{name}” exists',
  'error.noExperiment': 'no experiment named “{name}”',
  'error.experimentExists': 'an experiment named “{name}” exists',
  'error.noPlacement': 'no placement named “{name}”',
  'error.noJourney': 'no journey named “{name}”',
  'error.journeyExists': 'a journey named “{name}” exists',
  'error.unknownOptions':
    '{n, plural, one {unknown option} other {unknown options}} {names}: expected {expected}',
  'error.unknownName': "no field named '{name}'",
  'error.unknownNameNear': "no field named '{name}'; did you mean {near}?",
  'error.unknownBodyField': 'unknown field "{name}" in the request',
  'error.noRoute': 'no route {method} {path}',
  'error.missingColumns':
    "{file}: no column for required {n, plural, one {field:} other {fields:}} {fields} of {kind}; the file's columns are: {columns}",
  'error.missingAnyOf': "{file}: {kind} need a column for one of {fields}; the file's columns are: {columns}",
  'error.missingCustomer':
    "{file}: {kind} need a column naming the customer (one of {fields}); the file's columns are: {columns}",
} as const;
