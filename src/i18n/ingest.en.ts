/**
 * The importer's readings in English: what it noticed while reading a file (the import summary's `warnings`)
 * and why a column's name was not taken for a field (`columns[].refused`). The importer keeps them as phrases
 * (src/i18n/phrase.ts) and says them in the language of whoever asked (`importFile`'s `locale`).
 */
export const ingestEn = {
  'import.misfit':
    "column '{column}' looked like the field “{field}” by its name, but {reason}; kept as a trait '{column}' instead (name the field with {--map} to insist)",
  'import.misfit.amount': 'its values are plain numbers (an amount), not labels or bands',
  'import.misfit.notNumbers': '{percent}% of its values are not numbers',
  'import.misfit.notYesNo': '{percent}% of its values are not yes/no',
  'import.refused': 'not the field “{field}”: {reason}',
  'import.filled': 'no column for “{field}”: every row has {value}',
  'import.filled.quantity': 'the file has no quantity column: each line counts as one unit',
  'import.filled.reviews': 'the file has no kind column and has ratings: the rows are reviews',
  'import.dates.ambiguous':
    "column '{column}': dates such as 1/2/2024 could be month-first or day-first; read as month/day/year — pass {--date-format} dmy if they are day-first",
  'import.identifierAlready':
    '{columns} {n, plural, one {is read} other {are read}} as an identifier already; {--identifier} changes nothing there',
} as const;
