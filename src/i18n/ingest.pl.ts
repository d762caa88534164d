import type { ingestEn } from './ingest.en.js';

/** The importer's readings in Polish (ingest.en.ts says what they are). */
export const ingestPl: Readonly<Record<keyof typeof ingestEn, string>> = {
  'import.misfit':
    "kolumna '{column}' z nazwy wyglądała na pole „{field}”, ale {reason}; zachowano ją jako cechę '{column}' (wskaż pole opcją {--map}, by przy nim obstawać)",
  'import.misfit.amount': 'jej wartości to zwykłe liczby (kwota), a nie etykiety ani przedziały',
  'import.misfit.notNumbers': '{percent}% jej wartości to nie liczby',
  'import.misfit.notYesNo': '{percent}% jej wartości to nie tak/nie',
  'import.refused': 'nie pole „{field}”: {reason}',
  'import.filled': 'brak kolumny „{field}”: w każdym wierszu {value}',
  'import.filled.quantity': 'plik nie ma kolumny ilości: każdy wiersz liczy się jako jedna sztuka',
  'import.filled.reviews': 'plik nie ma kolumny rodzaju, a ma oceny: wiersze to recenzje',
  'import.dates.ambiguous':
    "kolumna '{column}': daty takie jak 1/2/2024 mogą mieć najpierw miesiąc albo dzień; odczytano je jako miesiąc/dzień/rok — podaj {--date-format} dmy, jeśli dzień jest pierwszy",
  'import.identifierAlready':
    '{columns} {n, plural, one {jest już odczytywana} few {są już odczytywane} many {są już odczytywane} other {są już odczytywane}} jako identyfikator; {--identifier} niczego tu nie zmienia',
};
