import type { Surface } from '../errors/option.js';
import { sayWarningsIn, warningOnSurface } from '../warnings/surface.js';
import type { Warning, WarningCode } from '../warnings/warning.js';
import type { Locale } from './locale.js';

/**
 * What each warning means, in Polish. A producer that writes its warnings through the catalogue (personas,
 * the report) says them with its figures; any other warning in a Polish answer is given this sentence
 * instead of its English one, so a Polish screen never shows an English warning. The code stays as it is.
 */
export const WARNING_MEANINGS_PL: Readonly<Record<WarningCode, string>> = {
  CLT_WARN_RFM_FREQUENCY_TIES:
    'Większość klientów ma tę samą liczbę zakupów, więc częstotliwość ich nie różnicuje, a F ma niewiele poziomów.',
  CLT_WARN_RFM_FEW_CUSTOMERS: 'Za mało klientów, by kwintyle wiele znaczyły.',
  CLT_WARN_CLV_FEW_REPEAT: 'Mało powracających klientów: oszacowania BG/NBD lub Gamma-Gamma są niestabilne.',
  CLT_WARN_CLV_NOT_CONVERGED:
    'Dopasowanie zatrzymało się przed zbieżnością; parametry mogą leżeć na granicy przeszukiwania.',
  CLT_WARN_CLV_HOLDOUT_TOO_SMALL: 'Okres kontrolny ma za mało ponownych zakupów, by ocenić dopasowanie.',
  CLT_WARN_CLV_SPEND_FREQUENCY:
    'Wydatek na zamówienie zmienia się z częstotliwością, wbrew założeniu modelu Gamma-Gamma.',
  CLT_WARN_CLASSIFIER_FEW_CASES:
    'Mało klientów rzadszej klasy w części testowej: miary na danych testowych są zaszumione.',
  CLT_WARN_CLASSIFIER_WEAK:
    'AUC na danych testowych jest bliskie 0,5: oceny porządkują niewiele lepiej niż los.',
  CLT_WARN_REGRESS_FEW_ROWS:
    'Mało klientów na szacowany współczynnik: oszacowania i wartości p są niestabilne.',
  CLT_WARN_REGRESS_SEPARATION: 'Klasy zostały rozdzielone; oszacowania to karane oszacowania Firtha.',
  CLT_WARN_REGRESS_MANY_DROPPED: 'Wielu klientów pominięto z powodu brakujących wartości.',
  CLT_WARN_VALUE_FEW_BUYERS: 'Mało kupujących w grupie najlepszych: kontrasty ich cech są słabe.',
  CLT_WARN_SPEND_FEW_WEEKS: 'Mało tygodni na współczynnik: regresja wydatków jest niestabilna.',
  CLT_WARN_CLUSTER_TINY: 'Skupienie jest za małe, by opisywać rodzaj klientów.',
  CLT_WARN_CLUSTER_UNSTABLE: 'Dopasowania na próbach bootstrap się nie zgadzają: skupienia nie są stabilne.',
  CLT_WARN_CLUSTER_WEAK_SEPARATION: 'Wskaźnik sylwetki jest niski: skupienia na siebie zachodzą.',
  CLT_WARN_PERSONA_SMALL_SEGMENT: 'Segment jest za mały, by persona podawała ustalenia.',
  CLT_WARN_PERSONA_NOT_ENOUGH_DATA:
    'Niektórych obowiązkowych elementów nie dało się zmierzyć i persona to mówi.',
  CLT_WARN_PERSONA_VOICE_SAMPLED:
    'Słowa i cytaty persony pochodzą z losowej próbki tego, co napisały osoby z segmentu; ich liczby są liczbami z próbki.',
  CLT_WARN_TEXT_FEW_DOCUMENTS: 'Mało dokumentów: liczby słów, oceny i tematy mogą być przypadkowe.',
  CLT_WARN_TEXT_TRUNCATED: 'Tekst był dłuższy niż milion znaków: przeanalizowano tylko jego początek.',
  CLT_WARN_SWOT_PARTIAL:
    'Część szkicu SWOT wymaga danych lub modelu, których brakuje (np. modelu odejść: clientele model churn).',
  CLT_WARN_TEXT_WEAK_TOPICS: 'Tematy wyjaśniają niewiele z tekstu: mogą nie być odrębnymi wątkami.',
  CLT_WARN_DELIVERY_PENDING: 'Część dostaw jeszcze nie dotarła; kolejka ponawia je z rosnącym odstępem.',
  CLT_WARN_TEMPLATE_UNKNOWN_VARIABLE:
    'Szablon używa zmiennej, której nie ma żaden profil; wyświetli się pusta.',
  CLT_WARN_EXPERIMENT_SMALL_SAMPLE: 'Za mało osób lub konwersji na wariant, by test odczytywać jak zwykle.',
  CLT_WARN_CAMPAIGN_EMPTY: 'Segment kampanii nie ma osób, do których wolno wysłać e-mail.',
  CLT_WARN_TRACKING_LOCAL:
    'Śledzenie otwarć i kliknięć wskazuje na lokalny serwer: ustaw {--tracking-url} lub CLIENTELE_PUBLIC_URL.',
  CLT_WARN_RESONANCE_THIN: 'Za mało wysyłek, by odróżnić wskaźniki od przypadku.',
  CLT_WARN_JOURNEY_WAITING:
    'Nadeszły zdarzenia, których rozpoznawanie tożsamości jeszcze nie połączyło z profilami; wyzwalacze na nie czekają.',
  CLT_WARN_PLAY_EMPTY:
    'Segment scenariusza nie ma teraz osób (często: model, z którego korzysta, jeszcze nie był uruchomiony).',
  CLT_WARN_AUDIT_THIN: 'Nic albo jeden wiersz do audytu: liczby mówią niewiele.',
  CLT_WARN_DEDUPE_THIN:
    'Za mało par kandydatów, by EM oszacował m i u: prawdopodobieństwa opierają się na wartościach startowych.',
  CLT_WARN_DRIFT_THIN: 'Mało klientów w przebiegu: wskaźnik stabilności populacji jest zaszumiony.',
  CLT_WARN_REPORT_THIN:
    'Segment w raporcie jest mały lub nie ma ocen ryzyka odejścia: jego liczby mogą być przypadkowe lub ich brak.',
  CLT_WARN_DRIFT_CALIBRATION_EARLY:
    'Od uruchomienia modelu odejść minęło mało czasu lub jest za mało klientów: rzeczywiste odejścia nie mówią jeszcze, czy przewidywania się sprawdziły.',
  CLT_WARN_DRIFT_NO_RETRAIN:
    'Model, który się zdezaktualizował, nie jest trenowany automatycznie: uruchom go ponownie ręcznie.',
  CLT_WARN_SCALE_HALF_WRITTEN:
    'Węzeł roboczy bazy podzielonej na shardy trzyma wiersze transakcji wycofanych przez koordynatora (węzeł utracony w chwili ich zatwierdzania); usuwa je `clientele scale repair`.',
};

// Warnings already said in their locale by a producer that knows it (personas, the report): left alone.
const said = new WeakSet<object>();

/** A warning whose message is already in its answer's language. */
export function saidWarning(code: WarningCode, message: string): Warning {
  const w = { code, message };
  said.add(w);
  return w;
}

/**
 * `value` with every warning said for its reader: in `locale` (a warning not yet said in Polish is given the
 * Polish sentence for its code) and naming options as `surface` spells them (`{--tracking-url}` is
 * `trackingUrl` in an API answer, `--tracking-url` on the command line; src/errors/option.ts). `warnings`
 * arrays anywhere in the answer are read, of {code, message} or of sentences (an import's readings). It
 * copies only what it changes and never touches the value it was given, which may be a cached answer other
 * languages read too.
 */
export function localizeWarnings<T>(value: T, locale: Locale, surface: Surface = 'api'): T {
  return sayWarningsIn(value, (w) => {
    if (locale === 'en' || !w || typeof w !== 'object' || said.has(w)) return warningOnSurface(w, surface);
    return warningOnSurface(w, surface, WARNING_MEANINGS_PL[(w as Warning).code]);
  });
}
