import type { ErrorCode } from '../errors/index.js';

/**
 * What each error code means and what to do about it, in Polish (the registry's hints in src/errors/registry.ts
 * are the English). Typed by the registry's codes, so a code added there without its Polish does not compile.
 */
export const ERROR_HINTS_PL: Readonly<Record<ErrorCode, string>> = {
  CLT_ERR_USAGE: 'Polecenie, opcja lub pole zostały użyte niepoprawnie; komunikat mówi które.',
  CLT_ERR_FIELD_UNKNOWN:
    'Nazwij pole jego nazwą kanoniczną albo nazwą kolumny, którą miało w Twoim pliku; komunikat podaje najbliższe znane nazwy.',
  CLT_ERR_STORE_LOCKED:
    'Plik bazy trzyma inny proces (zwykle `clientele serve`); zatrzymaj go albo skorzystaj z jego API HTTP.',
  CLT_ERR_STORE_OPEN: 'Nie udało się otworzyć pliku bazy; sprawdź ścieżkę i uprawnienia.',
  CLT_ERR_STORE_MIGRATION: 'Schemat bazy jest nowszy niż ta wersja Clientele albo migracja się nie powiodła.',
  CLT_ERR_STORE_UNREACHABLE:
    'Serwer PostgreSQL wskazany przez --db lub CLIENTELE_DB nie odpowiedział; uruchom go albo popraw host i port.',
  CLT_ERR_STORE_AUTH: 'Serwer PostgreSQL odrzucił użytkownika lub hasło z adresu połączenia; popraw je.',
  CLT_ERR_STORE_URL: 'Położenie bazy to ścieżka pliku albo postgres://użytkownik:hasło@host:port/baza.',
  CLT_ERR_STORE_ENGINE:
    'To polecenie nie działa jeszcze na PostgreSQL (docs/scale.md wymienia, co działa); użyj do niego pliku DuckDB.',
  CLT_ERR_SCALE_ENGINE:
    '`clientele scale init` dzieli na shardy bazę PostgreSQL; najpierw skopiuj plik DuckDB do PostgreSQL (`clientele db copy --to postgres://…`).',
  CLT_ERR_SCALE_WORKER_UNREACHABLE:
    'Węzeł roboczy podany w --workers nie odpowiedział; uruchom go albo popraw host i port. Niczego nie zmieniono.',
  CLT_ERR_SCALE_WORKER_AUTH:
    'Węzeł roboczy podany w --workers odrzucił użytkownika lub hasło; popraw je w jego adresie URL. Niczego nie zmieniono.',
  CLT_ERR_SCALE_WORKER_LOST:
    'Węzeł roboczy bazy podzielonej na shardy był nieosiągalny albo zniknął w trakcie polecenia; polecenie wycofano. Przywróć węzeł i uruchom je ponownie.',
  CLT_ERR_SCALE_NOT_EMPTY:
    '`clientele scale init` dzieli na shardy tylko pustą bazę (i puste bazy węzłów roboczych); podziel nową bazę, a potem skopiuj do niej dane przez `clientele db copy`.',
  CLT_ERR_SCALE_ALREADY:
    'Baza jest już podzielona na shardy na innych węzłach roboczych; przenoszenie shardów nie jest obsługiwane. Skopiuj ją do nowej bazy podzielonej na shardy.',
  CLT_ERR_SCALE_NOT_SHARDED:
    '`clientele scale repair` działa na bazie podzielonej na shardy przez `clientele scale init` (na bazie podzielonej, zanim istniał rejestr zatwierdzeń, uruchom ponownie `scale init` z tymi samymi węzłami).',
  CLT_ERR_SCALE_FDW:
    'PostgreSQL koordynatora nie ma rozszerzenia postgres_fdw; zainstaluj na nim pakiet contrib PostgreSQL.',
  CLT_ERR_COPY_NOT_EMPTY:
    'Baza docelowa zawiera już wiersze; wskaż pustą (nową) bazę albo dodaj --replace, aby ją nadpisać.',
  CLT_ERR_COPY_SAME:
    '`clientele db copy` potrzebuje dwóch różnych baz; wskaż docelową przez --to, a źródłową przez --from (lub --db).',
  CLT_ERR_COPY_SCHEMA:
    'Obie bazy mają różne schematy; otwórz każdą tą wersją Clientele (zmigruje je) i skopiuj ponownie.',
  CLT_ERR_COPY_COUNT:
    'Tabela dotarła do celu z inną liczbą wierszy niż w źródle; niczego nie skopiowano. Zgłoś to, podając nazwę tabeli.',
  CLT_ERR_COPY_ENCRYPTED:
    'Baza źródłowa przechowuje dane osobowe zaszyfrowane; kopiowania jej w inne miejsce jeszcze nie obsługujemy (docs/scale.md).',
  CLT_ERR_STORE_BUSY:
    'Wszystkie połączenia PostgreSQL z puli były zajęte dłużej, niż pozwala czas oczekiwania; spróbuj ponownie po liczbie sekund z Retry-After albo zwiększ pulę (CLIENTELE_DB_POOL, docs/scale.md).',
  CLT_ERR_STORE_MEMORY:
    'Silnik bazy potrzebował do tej pracy więcej pamięci, niż może użyć. W DuckDB zwiększ CLIENTELE_DB_MEMORY (albo usuń to ustawienie: 80 % pamięci maszyny) lub uruchom pracę, gdy maszyna jest mniej zajęta; w PostgreSQL sprawdź ustawienia pamięci serwera (docs/scale.md).',
  CLT_ERR_STORE_CONFLICT:
    'W tej samej chwili zatwierdzono inną zmianę tych samych wierszy, więc z tej nie zapisano niczego; uruchom ją ponownie.',
  CLT_ERR_CONFIG_INVALID:
    'Podaj ustawienie z listy `clientele config` i wartość właściwego rodzaju (zobacz docs/definitions.md).',
  CLT_ERR_IMPORT_FILE_NOT_FOUND: 'Sprawdź ścieżkę pliku.',
  CLT_ERR_IMPORT_EMPTY_FILE: 'Plik jest pusty; wyeksportuj go ponownie.',
  CLT_ERR_IMPORT_BINARY_FILE:
    'Plik nie jest tekstem, JSON Lines ani Parquet; wyeksportuj go jako CSV, TSV, JSON Lines lub Parquet.',
  CLT_ERR_IMPORT_UNKNOWN_KIND: 'Użyj jednego z rodzajów wymienionych w komunikacie.',
  CLT_ERR_IMPORT_MISSING_COLUMN: 'Wskaż kolumnę przez {--map} albo przez {--columns} w pliku bez nagłówka.',
  CLT_ERR_IMPORT_BAD_MAPPING:
    'Popraw {--map}: obiekt JSON (wprost lub w pliku) pole → nazwa kolumny, np. {"category": "product_category_name"}.',
  CLT_ERR_IMPORT_BAD_OPTION: 'Sprawdź wartość opcji: komunikat podaje opcję i to, co przyjmuje.',
  CLT_ERR_IMPORT_UNREADABLE: 'Pliku w ogóle nie udało się odczytać; sprawdź jego format.',
  CLT_ERR_GENERATE_BAD_OPTION: 'Sprawdź wartość opcji: komunikat podaje opcję i to, co przyjmuje.',
  CLT_ERR_MODEL_NO_DATA:
    'Model znalazł za mało danych do dopasowania (brak zakupów, brak klientów z etykietą albo za mało wierszy); zaimportuj więcej lub poszerz okno czasu.',
  CLT_ERR_MODEL_BAD_OPTION: 'Sprawdź wartość opcji: komunikat podaje opcję i to, co przyjmuje.',
  CLT_ERR_MODEL_UNKNOWN_COLUMN:
    'Podaj cechę klienta (kolumnę lub zaimportowane pole dodatkowe) albo miarę; komunikat podaje najbliższe nazwy.',
  CLT_ERR_MODEL_BAD_LABEL:
    'Kolumna etykiety musi mieć dokładnie dwie wartości; wskaż pozytywną przez {--positive}.',
  CLT_ERR_MODEL_TOO_FEW_REPEAT:
    'Za mało klientów kupiło ponownie, by dopasować model zakupów lub wydatków (docs/modeling.md, „Warnings and refusals”); zaimportuj dłuższą historię albo użyj `model rfm` i `model value`, które nie potrzebują powtórnych zakupów.',
  CLT_ERR_MODEL_FIT_FAILED:
    'Nie udało się dopasować modelu do tych danych (współliniowe lub rozdzielone kolumny albo zdegenerowana próba); usuń wskazaną kolumnę lub dodaj danych.',
  CLT_ERR_MINING_BAD_OPTION:
    'Sprawdź wartość opcji (miarę, wymiar, okres, próg lub listę kroków): komunikat podaje opcję i to, co przyjmuje.',
  CLT_ERR_MINING_UNKNOWN_CUSTOMER:
    'Żadne zamówienie ani pozycja zamówienia nie ma tego identyfikatora klienta; sprawdź go w `clientele status` albo zaimportuj jego zamówienia.',
  CLT_ERR_PROFILE_NOT_FOUND: 'Sprawdź identyfikator albo po imporcie uruchom `clientele identity resolve`.',
  CLT_ERR_PROFILE_TIMELINE_CURSOR:
    'Przekaż bez zmian kursor `next` z poprzedniej strony osi czasu albo pomiń `before`, by dostać najnowszą stronę.',
  CLT_ERR_PRIVACY_KEY_INVALID:
    'CLIENTELE_KEY (lub plik klucza) musi zawierać 64 znaki szesnastkowe (32 bajty); `clientele init --encrypt` tworzy taki klucz.',
  CLT_ERR_PRIVACY_KEY_MISSING:
    'Ta baza potrzebuje swojego klucza instancji: ustaw CLIENTELE_KEY albo odłóż plik klucza (DB.key) obok bazy.',
  CLT_ERR_PRIVACY_KEY_MISMATCH:
    'Podany klucz nie jest tym, z którym używano tej bazy; ustaw w CLIENTELE_KEY właściwy klucz albo przywróć jego plik.',
  CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY:
    'Ta baza przechowuje dane osobowe zaszyfrowane: ustaw w CLIENTELE_KEY jej klucz (64 znaki szesnastkowe) albo odłóż obok niej plik klucza (DB.key).',
  CLT_ERR_PRIVACY_ENCRYPT_NOT_EMPTY:
    'Szyfrowanie można włączyć tylko przed pierwszym importem: uruchom `clientele init --encrypt --db NOWA.duckdb` i zaimportuj pliki ponownie.',
  CLT_ERR_PRIVACY_DECRYPT:
    'Zapisanej wartości osobowej nie da się odszyfrować tym kluczem: zmieniono klucz albo plik. Przywróć właściwy klucz lub plik z kopii zapasowej.',
  CLT_ERR_PRIVACY_ENCRYPTED_FIELD:
    'To pole jest przechowywane zaszyfrowane, więc baza nie może go porównywać: działa tylko dokładna równość adresu e-mail lub telefonu (przez indeks ślepy). Filtruj po innym polu.',
  CLT_ERR_PRIVACY_PURPOSE: 'Podaj cel zgody: email, sms, push, ads lub profiling.',
  CLT_ERR_API_NOT_FOUND: 'Nie ma takiej ścieżki ani metody: dokumentacja API pod /docs wymienia wszystkie.',
  CLT_ERR_API_UNAUTHORIZED:
    'Wyślij klucz zapisu jako nazwę użytkownika HTTP Basic (z pustym hasłem); utwórz go przez `clientele keys create --name NAZWA`.',
  CLT_ERR_API_FORBIDDEN:
    'Wyślij `Authorization: Bearer <token>` (token API użytkownika z `clientele users create`/`tokens create` albo token administratora, który `clientele serve` zapisuje obok pliku bazy) albo zaloguj się w aplikacji.',
  CLT_ERR_API_BAD_JSON:
    'Wyślij w treści jeden obiekt JSON (zdarzenie albo {"batch": [...]}), zwykły lub skompresowany gzipem.',
  CLT_ERR_API_INVALID_EVENT:
    'Popraw wskazane zdarzenia (specyfikacja Segment: type, userId lub anonymousId, znacznik czasu ISO 8601, obiekty w properties, traits i context); pozostałe zapisano.',
  CLT_ERR_API_EVENT_TOO_LARGE:
    'Jedno zdarzenie może mieć najwyżej 32 KB JSON; przenieś obszerne wartości poza properties i context.',
  CLT_ERR_API_BATCH_TOO_LARGE:
    'Żądanie może mieć najwyżej 500 KB JSON po rozpakowaniu; wysyłaj mniejsze paczki.',
  CLT_ERR_API_UNSUPPORTED_ENCODING: 'Wyślij treść bez kodowania albo jako gzip (Content-Encoding: gzip).',
  CLT_ERR_API_OVERLOADED:
    'Kolejka zapisu jest pełna; spróbuj ponownie po liczbie sekund podanej w Retry-After.',
  CLT_ERR_API_RATE_LIMITED:
    'Za dużo żądań z jednego adresu do publicznej ścieżki; spróbuj ponownie po liczbie sekund z Retry-After.',
  CLT_ERR_TRACKING_LINK_INVALID:
    'Śledzony link został zmieniony albo nie pochodzi z tej wiadomości; otwórz link z e-maila w takiej postaci, w jakiej został wysłany.',
  CLT_ERR_API_WRITE_FAILED:
    'Nie udało się zapisać zdarzeń w bazie i nie zostały zachowane; spróbuj później i sprawdź dziennik serwera.',
  CLT_ERR_API_TIMEOUT: 'Wyślij całe żądanie w czasie, na jaki pozwala serwer (domyślnie 15 s).',
  CLT_ERR_API_KEY_NAME:
    'Nazwa klucza ma od 1 do 64 liter, cyfr, kropek, myślników lub podkreśleń i musi być niepowtarzalna.',
  CLT_ERR_API_SERVER_UNREACHABLE:
    'Bazę trzyma `clientele serve`, który nie odpowiada; zatrzymaj go albo sprawdź jego host i port.',
  CLT_ERR_API_SCOPE:
    'Twoja rola lub token nie ma zakresu, którego wymaga ta ścieżka (docs/security.md je wymienia); poproś administratora o token z tym zakresem.',
  CLT_ERR_API_SIGN_IN:
    'Sprawdź nazwę użytkownika i hasło (lub token administratora); administrator może je zresetować przez `clientele users reset NAZWA`.',
  CLT_ERR_API_SIGN_IN_THROTTLED:
    'Za dużo nieudanych logowań: odczekaj liczbę sekund z Retry-After (czas oczekiwania podwaja się po każdej kolejnej porażce, do 15 minut).',
  CLT_ERR_API_KEY_NOT_FOUND: '`clientele keys list` pokazuje używane klucze zapisu.',
  CLT_ERR_USER_NAME:
    'Nazwa użytkownika ma od 1 do 64 liter, cyfr, kropek, myślników, znaków @ lub podkreśleń i musi być niepowtarzalna.',
  CLT_ERR_USER_NOT_FOUND: '`clientele users list` pokazuje użytkowników.',
  CLT_ERR_USER_ROLE:
    'Użyj jednej z ról: admin, analyst, marketer lub viewer (docs/security.md mówi, co każda może).',
  CLT_ERR_USER_PASSWORD:
    'Podaj hasło o długości co najmniej 12 znaków jako {--password}; wiersz poleceń przyjmuje je też na standardowym wejściu albo o nie pyta.',
  CLT_ERR_TOKEN_SCOPE: 'Wybierz zakresy spośród read, write, export, admin, pii, które ma rola użytkownika.',
  CLT_ERR_TOKEN_NOT_FOUND: '`clientele tokens list` pokazuje tokeny i ich identyfikatory.',
  CLT_ERR_QUERY_TIMEOUT:
    'Żądanie przekroczyło swój termin i jego zapytanie anulowano (niczego nie zmieniono); zawęź je (krótszy okres, mniej warunków, jeden segment) albo spróbuj, gdy serwer będzie mniej zajęty.',
  CLT_ERR_QUERY_INTEGER_RANGE:
    'Zapytanie zwróciło liczbę całkowitą spoza ±2^53, której JavaScript nie przechowa dokładnie; rzutuj kolumnę na DOUBLE lub VARCHAR w zapytaniu (albo trzymaj identyfikatory poniżej 2^53) i uruchom je ponownie.',
  CLT_ERR_QUERY_CANCELLED:
    'Pracę anulowano, bo klient się rozłączył albo serwer się zatrzymuje; niczego nie zmieniono. Wyślij ją ponownie.',
  CLT_ERR_MODEL_RUN_NOT_FOUND: 'GET /v1/models/runs (lub `clientele model runs`) wymienia przebiegi modeli.',
  CLT_ERR_TEXT_SOURCE: 'Podaj źródło tekstu: feedback, notes, social, messages lub all (docs/text.md).',
  CLT_ERR_TEXT_LANGUAGE: 'Podaj język: auto, en, pl, de, fr, es, it, pt lub nl (docs/text.md).',
  CLT_ERR_TEXT_FORMAT:
    'Chmury słów rysujemy jako SVG ({--format} svg); PNG wymaga rasteryzatora, którego ta wersja nie zawiera.',
  CLT_ERR_TEXT_NO_DOCUMENTS:
    'Żaden dokument z tekstem nie pasuje: zaimportuj opinie, notatki lub wpisy z mediów społecznościowych albo poluzuj {--where}, {--segment} lub {--source}.',
  CLT_ERR_SWOT_NOT_FOUND: '`clientele swot list` pokazuje zapisane szkice; `clientele swot` tworzy nowy.',
  CLT_ERR_SEGMENT_SYNTAX:
    'Popraw wyrażenie we wskazanej kolumnie; docs/segments.md pokazuje dozwolone formy.',
  CLT_ERR_SEGMENT_INVALID:
    'Używaj pól, które mają profile (komunikat podaje najbliższe), z wartościami ich typu.',
  CLT_ERR_SEGMENT_TOO_COMPLEX:
    'Reguła przekracza limit podany w komunikacie (zagnieżdżenie, warunki, warunki zdarzeń, wartości listy, liczby lub dni); podziel ją na zapisane segmenty albo uprość (docs/segments.md, Limits).',
  CLT_ERR_SEGMENT_NOT_FOUND: '`clientele segment list` pokazuje zapisane segmenty.',
  CLT_ERR_CLUSTER_UNKNOWN_FEATURE:
    'Podaj kolumny profilu (orders, revenue, age …), cechy lub wyniki modeli (clv, churn_risk …); zobacz docs/clustering.md.',
  CLT_ERR_CLUSTER_NO_DATA:
    'Za mało profili albo cecha bez wartości w żadnym profilu: zaimportuj dane, połącz tożsamości albo wybierz inne cechy.',
  CLT_ERR_PERSONA_NO_SEGMENTS:
    'Najpierw uruchom `clientele cluster` albo wskaż segmenty przez {--segments} PREFIKS (pokazuje je `clientele segment list`).',
  CLT_ERR_REPORT_BROWSER:
    'PDF drukuje Chromium: zainstaluj go na maszynie z Clientele (apt-get install chromium) albo ustaw CHROMIUM_PATH; tymczasem weź raport HTML (--out raport.html lub GET /v1/report.html) i wydrukuj go z przeglądarki.',
  CLT_ERR_REPORT_FORMAT: 'Nazwij plik z końcówką .html lub .pdf, np. clientele report --out raport.pdf.',
  CLT_ERR_PERSONA_EDIT:
    'Edytuj nazwę, podsumowanie, notatki lub jedno z pól wymienionych w docs/personas.md, wartością właściwego typu.',
  CLT_ERR_PERSONA_PLAYBOOK:
    'Playbook to tablica JSON obiektów {"name", "when": [{"figure", "op", "value"}], "action", "effect"}; zobacz docs/personas.md.',
  CLT_ERR_AUDIT_BAD_OPTION:
    'Podaj rodzaj, który zaimportowano (wymienia je `clientele status`), i {--stale-after}, np. 18m (miesięcy), 90d lub 2y.',
  CLT_ERR_AUDIT_UNKNOWN_SOURCE:
    'Podaj źródło tak, jak pokazuje je mapa danych: zaimportowany plik (nazwa lub ścieżka) albo nazwę klucza zapisu zdarzeń.',
  CLT_ERR_DEDUPE_BAD_OPTION: 'Podaj {--threshold} i {--auto-accept} jako prawdopodobieństwa od 0 do 1.',
  CLT_ERR_DEDUPE_UNKNOWN_RECORD:
    'Wskaż obie osoby identyfikatorem klienta z ich rekordów (`clientele dedupe --json` wymienia pary); muszą to być dwie różne osoby.',
  CLT_ERR_MAP_BAD_FORMAT: 'Wybierz {--format} json, svg lub html.',
  CLT_ERR_SCHEDULE_BAD_TASK:
    'Zaplanuj jedno z: resolve, segments, audit albo model (model:rfm, model:clv, model:churn, model:value); zobacz docs/housekeeping.md.',
  CLT_ERR_SCHEDULE_BAD_INTERVAL:
    'Podaj {--every} jako czas trwania co najmniej minuty, np. 15m, 6h, 1d lub 90s.',
  CLT_ERR_SCHEDULE_NOT_FOUND: '`clientele schedule list` pokazuje zaplanowane zadania.',
  CLT_ERR_DRIFT_NO_RUNS:
    'Dryf porównuje dwa przebiegi modelu z zapisanymi rozkładami: uruchom model dwa razy (`clientele model churn`, …).',
  CLT_ERR_INTERNAL: 'Błąd programu: uruchom ponownie z --debug i zgłoś ślad stosu.',
  CLT_ERR_OUTBOX_URL:
    'Podaj adres http:// lub https:// z hostem; inne schematy (file:, ftp:, javascript:) są odrzucane.',
  CLT_ERR_ACTIVATION_NOT_FOUND:
    'Wskazany cel, odbiorcy, alert, kampania lub eksperyment nie istnieje; polecenie `list` danego rodzaju pokazuje istniejące.',
  CLT_ERR_ACTIVATION_EXISTS:
    'Cel, odbiorcy, alert, kampania lub eksperyment o tej nazwie już istnieje; najpierw go usuń albo wybierz inną nazwę.',
  CLT_ERR_ACTIVATION_INVALID:
    'Brakuje opcji polecenia aktywacji albo jest poza zakresem; komunikat ją wskazuje (zobacz docs/activation.md).',
  CLT_ERR_CAMPAIGN_TEMPLATE:
    'Szablonu Liquid nie da się przetworzyć albo odczytać pliku; komunikat podaje wiersz (składnia liquidjs, docs/activation.md).',
  CLT_ERR_CAMPAIGN_SMTP:
    'Serwer SMTP był nieosiągalny albo odrzucił wiadomość; sprawdź {--smtp} smtp://host:port i czy serwer działa.',
  CLT_ERR_JOURNEY_FILE:
    'Pliku ścieżki nie udało się odczytać albo nie jest to JSON; sprawdź ścieżkę pliku i składnię JSON (docs/journeys.md).',
  CLT_ERR_JOURNEY_INVALID:
    'Ścieżka nie zgadza się ze swoim schematem; komunikat podaje ścieżkę JSON pierwszego problemu (docs/journeys.md).',
  CLT_ERR_JOURNEY_CYCLE:
    'Kroki prowadzą z powrotem do kroku już przebytego; komunikat wskazuje pętlę i ścieżkę JSON strzałki, która ją zamyka. Zakończ pętlę wyjściem albo pozwól, by ludzi przywracała reguła ponownego wejścia.',
  CLT_ERR_JOURNEY_REFERENCE:
    'Ścieżka wskazuje segment, cel, kampanię (szablon), eksperyment, wariant, krok lub pole, które nie istnieje; najpierw je utwórz albo popraw nazwę we wskazanej ścieżce JSON.',
};
