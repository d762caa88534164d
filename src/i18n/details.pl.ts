import type { detailsEn } from './details.en.js';

/** Errors' own words in Polish (details.en.ts says what they are). */
export const detailsPl: Readonly<Record<keyof typeof detailsEn, string>> = {
  'error.noSegment': 'nie ma segmentu o nazwie „{name}”',
  'error.destinationInUse':
    'odbiorca danych „{destination}” jest używany przez grupę docelową „{audience}”: najpierw ją usuń',
  'error.segmentInUse': 'segment „{segment}” jest użyty w segmencie „{user}”: najpierw zmień lub usuń tamten',
  'error.noDestination': 'nie ma odbiorcy danych „{name}”',
  'error.destinationExists': 'odbiorca danych „{name}” już istnieje',
  'error.destinationType': 'typ „{type}” nie jest rodzajem odbiorcy danych: użyj webhook, segment lub file',
  'error.destinationNeedsOut': 'odbiorca typu plik potrzebuje out: ścieżki pliku .csv lub .parquet',
  'error.destinationOutKind': 'out „{out}”: plik musi mieć rozszerzenie .csv lub .parquet',
  'error.destinationNeedsUrl': 'odbiorca typu {type} potrzebuje url',
  'error.destinationNeedsWriteKey': 'odbiorca typu segment potrzebuje writeKey: klucza zapisu źródła',
  'error.destinationBatch': 'batch {batch}: oczekiwano liczby całkowitej od 1 do 1000',
  'error.experimentTwoVariants':
    'variants {variants}: eksperyment potrzebuje co najmniej dwóch wariantów (kontrolnego i jeszcze jednego)',
  'error.experimentVariantTwice': 'variants: każdy wariant tylko raz',
  'error.experimentHoldoutVariant': 'variants: „holdout” to nazwa grupy wstrzymanej',
  'error.experimentWeights': 'weights {weights}: jedna liczba dodatnia na wariant',
  'error.holdoutPercent': 'holdout {holdout}: procent od 0 do 99',
  'error.experimentStart': 'start {start}: data, np. 2026-12-01',
  'error.campaignCap': 'cap {cap}: wpisz N/OKRES, np. 2/7d, 1/week lub 3/month',
  'error.campaignSmtp': 'smtp {smtp}: wpisz smtp://host:port lub smtps://host:port',
  'error.campaignTrackingUrl': 'trackingUrl {trackingUrl}: wpisz publiczny adres http(s) serwera',
  'error.noAudience': 'nie ma grupy docelowej „{name}”',
  'error.audienceExists': 'grupa docelowa „{name}” już istnieje',
  'error.noCampaign': 'nie ma kampanii „{name}”',
  'error.campaignExists': 'kampania „{name}” już istnieje',
  'error.noExperiment': 'nie ma eksperymentu „{name}”',
  'error.experimentExists': 'eksperyment „{name}” już istnieje',
  'error.noPlacement': 'nie ma miejsca na stronie „{name}”',
  'error.noJourney': 'nie ma ścieżki „{name}”',
  'error.journeyExists': 'ścieżka „{name}” już istnieje',
  'error.unknownOptions':
    '{n, plural, one {nieznana opcja} few {nieznane opcje} many {nieznane opcje} other {nieznane opcje}} {names}; dozwolone: {expected}',
  'error.unknownName': 'nie ma pola o nazwie „{name}”',
  'error.unknownNameNear': 'nie ma pola o nazwie „{name}”; czy chodziło o {near}?',
  'error.unknownBodyField': 'nieznane pole „{name}” w żądaniu',
  'error.noRoute': 'nie ma ścieżki {method} {path}',
  'error.missingColumns':
    '{file}: brak kolumny dla {n, plural, one {wymaganego pola} few {wymaganych pól} many {wymaganych pól} other {wymaganych pól}} {fields} (rodzaj {kind}); kolumny pliku: {columns}',
  'error.missingAnyOf':
    '{file}: rodzaj {kind} wymaga kolumny dla jednego z pól {fields}; kolumny pliku: {columns}',
  'error.missingCustomer':
    '{file}: rodzaj {kind} wymaga kolumny wskazującej klienta (jednej z: {fields}); kolumny pliku: {columns}',
};
