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
    'Śledzenie otwarć i kliknięć wskazuje na lokalny serwer: ustaw --tracking-url lub CLIENTELE_PUBLIC_URL.',
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
 * `value` with every warning not yet said in `locale` given the locale's sentence for its code (`warnings`
 * arrays of {code, message} anywhere in the answer). It copies only what it changes and never touches the
 * value it was given, which may be a cached answer other languages read too. English answers come back as
 * they are.
 */
export function localizeWarnings<T>(value: T, locale: Locale): T {
  if (locale === 'en') return value;
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const next = value.map((item) => walk(item, depth + 1));
    return next.some((item, i) => item !== value[i]) ? next : value;
  }
  // Only plain objects: a Buffer, a Date or a stream is sent as it is.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'warnings' && Array.isArray(v) ? sayWarnings(v) : walk(v, depth + 1);
    if (out[k] !== v) changed = true;
  }
  return changed ? out : value;
}

function sayWarnings(list: unknown[]): unknown[] {
  const out = list.map((w) => {
    if (!w || typeof w !== 'object' || said.has(w)) return w;
    const meaning = WARNING_MEANINGS_PL[(w as Warning).code];
    return meaning && (w as Warning).message !== meaning ? { ...w, message: meaning } : w;
  });
  return out.some((w, i) => w !== list[i]) ? out : list;
}
