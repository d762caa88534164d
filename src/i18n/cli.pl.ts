import type { cliEn } from './cli.en.js';

// Plural forms as Intl.PluralRules('pl') names them: one (1), few (2–4, 22–24 …), many (0, 5–21, 25 …),
// other (fractions, which take the genitive singular: 1,5 klienta).

/** The CLI's text output in Polish (every key of cli.en.ts). */
export const cliPl: Readonly<Record<keyof typeof cliEn, string>> = {
  'cli.col.kind': 'rodzaj',
  'cli.col.rows': 'wiersze',
  'cli.col.period': 'okres',
  'cli.col.value': 'wartość',
  'cli.col.change': 'zmiana',
  'cli.col.changePct': 'zmiana %',
  'cli.col.expected': 'oczekiwana',
  'cli.col.segment': 'segment',
  'cli.col.members': 'osoby',
  'cli.col.rule': 'reguła',
  'cli.col.profile': 'profil',
  'cli.col.customerIds': 'identyfikatory klienta',
  'cli.col.email': 'e-mail',
  'cli.col.entered': 'weszły',
  'cli.col.left': 'wyszły',
  'cli.col.note': 'uwaga',
  'cli.col.predicted': 'przewidziane',
  'cli.col.actual': 'faktyczne',
  'cli.col.realised': 'faktyczne',
  'cli.col.driver': 'czynnik',
  'cli.col.importance': 'waga',
  'cli.col.oddsPerSd': 'iloraz szans/odch. std.',
  'cli.col.effect': 'wpływ',
  'cli.col.estimate': 'oszacowanie',
  'cli.col.stdError': 'błąd std.',
  'cli.col.pValue': 'wartość p',
  'cli.col.interval': 'przedział {level} %',
  'cli.col.tier': 'grupa',
  'cli.col.share': 'udział',
  'cli.col.revenueShare': 'udział w przychodzie',
  'cli.col.channel': 'kanał',
  'cli.col.costPerCustomer': 'koszt/klienta',
  'cli.col.netValue': 'wartość netto',
  'cli.col.trait': 'cecha',
  'cli.col.top': 'najlepsi',
  'cli.col.rest': 'pozostali',
  'cli.col.lift': 'przebicie',
  'cli.col.pAdjusted': 'p skorygowane',
  'cli.col.prospect': 'potencjalny klient',
  'cli.col.score': 'ocena',
  'cli.col.reasons': 'powody',
  'cli.col.openLead': 'otwarty lead',
  'cli.col.propensity': 'skłonność',
  'cli.col.returnPerSpend': 'przychód na jednostkę wydatku (suma opóźnień)',
  'cli.col.spend': 'wydatek',
  'cli.col.run': 'przebieg',
  'cli.col.model': 'model',
  'cli.col.started': 'początek',
  'cli.col.seconds': 'sekundy',
  'cli.col.rowsUsed': 'użyte wiersze',
  'cli.col.customersScored': 'ocenieni klienci',
  'cli.col.input': 'wejście',
  'cli.col.decile': 'decyl',
  'cli.col.file': 'plik',
  'cli.col.read': 'odczytane',
  'cli.col.accepted': 'przyjęte',
  'cli.col.rejected': 'odrzucone',
  'cli.col.duplicates': 'duplikaty',
  'cli.col.updated': 'zaktualizowane',

  'cli.customers': '{n, plural, one {# klient} few {# klienci} many {# klientów} other {# klienta}}',
  'cli.profiles': '{n, plural, one {# profil} few {# profile} many {# profili} other {# profilu}}',
  'cli.members': '{n, plural, one {# osoba} few {# osoby} many {# osób} other {# osoby}}',

  'cli.status.database': 'baza {database} ({engine})',
  'cli.status.holds':
    '{customers} i {prospects, plural, one {# potencjalny klient} few {# potencjalni klienci} many {# potencjalnych klientów} other {# potencjalnego klienta}}; {placed, plural, one {# złożone zamówienie} few {# złożone zamówienia} many {# złożonych zamówień} other {# złożonego zamówienia}} o wartości {revenue}',
  'cli.status.span': ' od {first} do {last}',
  'cli.status.notPlaced':
    ' (oraz {n, plural, one {# niezłożone zamówienie} few {# niezłożone zamówienia} many {# niezłożonych zamówień} other {# niezłożonego zamówienia}})',
  'cli.status.revenue':
    'przychód brutto {gross}, zwroty {returns}, przychód netto {net} (docs/definitions.md)',
  'cli.status.unattributed':
    'przychód od klientów {revenue}: {n, plural, one {# złożone zamówienie o wartości {worth} nie wskazuje} few {# złożone zamówienia o wartości {worth} nie wskazują} many {# złożonych zamówień o wartości {worth} nie wskazuje} other {# złożonego zamówienia o wartości {worth} nie wskazuje}} klienta',
  'cli.status.profiles': '{profiles} (jeden na osobę, po rozpoznaniu tożsamości)',
  'cli.scale.repair.none':
    'brak niedopisanych wierszy: każdy wiersz na węzłach roboczych należy do transakcji zatwierdzonej przez koordynatora',
  'cli.scale.repair.busy':
    'transakcje zapisujące trzymały blokadę rejestru; niczego nie sprawdzono: uruchom ponownie',
  'cli.scale.repair.found':
    '{rows, plural, one {# niedopisany wiersz} few {# niedopisane wiersze} many {# niedopisanych wierszy} other {# niedopisanego wiersza}} z {transactions, plural, one {# wycofanej transakcji} other {# wycofanych transakcji}} na węźle {worker} ({host}:{port}): {tables}',
  'cli.scale.repair.removed': 'usunięto: węzły robocze trzymają teraz tylko zatwierdzone wiersze',
  'cli.scale.repair.dry':
    'próba: niczego nie usunięto; uruchom clientele scale repair bez --dry-run, by je usunąć',
  'cli.status.imports':
    '{imports, plural, one {# import} few {# importy} many {# importów} other {# importu}}, zachowano {rejects, plural, one {# odrzucony wiersz} few {# odrzucone wiersze} many {# odrzuconych wierszy} other {# odrzuconego wiersza}} (`clientele rejects`)',

  'cli.trend.none': 'brak zamówień w tym okresie',
  'cli.trend.title': '{measure}{key} (łącznie {total})',
  'cli.trend.measure.revenue': 'przychód',
  'cli.trend.measure.orders': 'zamówienia',
  'cli.trend.measure.customers': 'klienci',
  'cli.trend.measure.segment-size': 'wielkość segmentu',
  'cli.trend.season': 'sezonowość ({model}, siła {strength}): {figure}',
  'cli.trend.model.additive': 'addytywna',
  'cli.trend.model.multiplicative': 'multiplikatywna',
  'cli.trend.noSeason': 'bez sezonowości: {note}',
  'cli.trend.anomalies': 'anomalie: {list}',
  'cli.trend.anomaly': '{period} {direction} o {difference} (z {z})',
  'cli.trend.above': 'powyżej oczekiwań',
  'cli.trend.below': 'poniżej oczekiwań',
  'cli.trend.noAnomalies': 'brak anomalii',

  'cli.segment.saved': '{name}: {members} (weszły: {entered}, wyszły: {left})',
  'cli.segment.none': 'nie ma jeszcze segmentów',
  'cli.segment.noRules': 'brak segmentów opartych na regułach do odświeżenia',
  'cli.segment.exported': 'segment {name}: zapisano {members} do {path}',

  'cli.model.run': 'przebieg {run}: ',
  'cli.model.clv.head': '{customers} (powracający: {repeat}) do {end}, jednostka: {unit}',
  'cli.model.unit.day': 'dzień',
  'cli.model.unit.week': 'tydzień',
  'cli.model.unit.month': 'miesiąc',
  'cli.model.bgnbd': 'BG/NBD       r {r}  alfa {alpha}  a {a}  b {b}  LL {ll}',
  'cli.model.gammaGamma': 'Gamma-Gamma  p {p}  q {q}  gamma {gamma}',
  'cli.model.pareto': 'Pareto/NBD   r {r}  alfa {alpha}  s {s}  beta {beta}  LL {ll}',
  'cli.model.clv.value':
    'CLV w horyzoncie {months, plural, one {# miesiąca} other {# miesięcy}}: łącznie {total}, średnio {mean}, górny decyl {top}',
  'cli.model.clv.holdout':
    'okres kontrolny do {end}: ponowne zakupy przewidziane {predicted}, faktyczne {actual}',
  'cli.model.clv.holdoutThin':
    'okres kontrolny do {end}: za mało danych, by ocenić dopasowanie (zaobserwowane ponowne zakupy: {actual})',
  'cli.model.churn.head':
    "{model} dla '{label}' = '{positive}', klienci w zbiorze uczącym: {train}, w testowym: {test}",
  'cli.model.churn.fit':
    'na danych testowych ROC AUC {auc}, PR AUC {prAuc}, przebicie górnego decyla {lift}, odsetek bazowy {base}',
  'cli.model.effect.raises': 'zwiększa',
  'cli.model.effect.lowers': 'zmniejsza',
  'cli.model.alive.head': '{customers} do {asOf}; BG/NBD r {r} alfa {alpha} a {a} b {b}',
  'cli.model.alive.risk':
    'średnie prawdopodobieństwo aktywności {alive}; zagrożeni (aktywność < {threshold}): {atRisk}; spóźnieni z zakupem: {overdue}',
  'cli.model.regress.ols': 'R² {r2}, skorygowany {adjusted}, wartość p testu F {p}',
  'cli.model.regress.logit': 'pseudo-R² {r2}, log-wiarygodność {ll}',
  'cli.model.regress.separated': ' (separacja: estymatory Firtha)',
  'cli.model.regress.head':
    '{model} zmiennej {y} na danych {n, plural, one {# klienta} other {# klientów}} (pominięci z powodu braków: {dropped}); {fit}',
  'cli.model.rfm.head': '{customers} na dzień {asOf} (kupili raz: {once})',
  'cli.segment.kind.rule': 'reguła',
  'cli.segment.kind.cluster': 'klaster',
  'cli.model.value.head':
    '{customers}, kupujący: {buyers}; przychód {revenue}, koszt pozyskania {cost}, netto {net}',
  'cli.model.value.top': 'najlepsi według {by} ({n}, od {threshold}) mają {share} wartości; co ich łączy:',
  'cli.model.value.by.net': 'wartości netto',
  'cli.model.value.by.revenue': 'przychodu',
  'cli.model.value.by.clv': 'CLV',
  'cli.model.value.mean': '{feature} (średnia)',
  'cli.model.lookalike.head':
    'najlepsi kupujący: {seeds} z {buyers} (przychód ≥ {threshold}); ocenieni potencjalni klienci: {prospects}',
  'cli.model.lookalike.auc': 'AUC na odłożonych danych, najlepsi wobec pozostałych kupujących: {auc}',
  'cli.model.propensity.head':
    '{closed, plural, one {# zamknięty lead} few {# zamknięte leady} many {# zamkniętych leadów} other {# zamkniętego leadu}} (wygrane: {won}), otwarte: {open}; AUC na danych testowych {auc} (przypadki testowe: {test})',
  'cli.model.spend.head':
    '{weeks, plural, one {# tydzień} few {# tygodnie} many {# tygodni} other {# tygodnia}} (od {first} do {last}), {channels, plural, one {# kanał} few {# kanały} many {# kanałów} other {# kanału}}, {lags, plural, one {# opóźnienie} few {# opóźnienia} many {# opóźnień} other {# opóźnienia}}; R² {r2}',
  'cli.model.runs.none': 'nie uruchomiono jeszcze żadnego modelu',
  'cli.model.drift.head': '{model}: przebieg {current} wobec przebiegu {baseline}: {status}',
  'cli.model.drift.status.stable': 'stabilny',
  'cli.model.drift.status.watch': 'do obserwacji',
  'cli.model.drift.status.drifted': 'zdezaktualizowany',
  'cli.model.drift.score': 'ocena {name}',
  'cli.model.drift.mean': 'średnia ocena {baseline} → {current}',
  'cli.model.drift.churn':
    'odejścia wśród klientów przebiegu {run} ({customers}) po {days, plural, one {# dniu} other {# dniach}}: przewidziane {predicted}, faktyczne {realised}',
  'cli.model.drift.alert': 'zgłoszono alert: {message}',
  'cli.model.drift.alerted': 'alert dla tych przebiegów był już zgłoszony',
  'cli.model.drift.retrained': 'wytrenowano ponownie: przebieg {run}',

  'cli.import.total':
    'razem: odczytano {read}, przyjęto {accepted}, odrzucono {rejected}, duplikaty: {duplicates}; czas {seconds} s',
  'cli.import.suppressed':
    'pominięto {n, plural, one {# wiersz} few {# wiersze} many {# wierszy} other {# wiersza}} osób usuniętych przez `clientele forget`',
  'cli.import.reasons': 'odrzucone według powodu: {list} (zobacz `clientele rejects`)',
  'cli.import.identifiers':
    '{file}: osobę identyfikuje {ids} (zapamiętane dla każdego kolejnego rozpoznawania tożsamości)',
  'cli.import.warning': 'ostrzeżenie: {file}: {message}',
  'cli.import.failed': 'niepowodzenie: {file}: {message}',
  'cli.import.profiles':
    'profile: teraz {n, plural, one {# osoba} few {# osoby} many {# osób} other {# osoby}} (zaktualizowane: {refreshed}, scalenia: {merges}, odświeżone zapisane segmenty: {segments})',
  'cli.import.columns': 'kolumny:',
  'cli.import.columnsOf': 'kolumny pliku {file}:',
  'cli.import.trait': "cecha '{column}'",

  'cli.users.language': 'język użytkownika {name}: {language}',
  'cli.users.language.en': 'angielski',
  'cli.users.language.pl': 'polski',
  'cli.users.language.auto': 'jak w przeglądarce, przy każdym żądaniu',
  // demo, journeys, campaigns i experiments (src/cli/commands/): co mówią człowiekowi.
  'cli.demo.generating':
    'tworzę sklep demonstracyjny dla {customers, plural, one {# klienta} few {# klientów} many {# klientów} other {# klienta}} (ziarno {seed}) w {dir}',
  'cli.demo.imported':
    'zaimportowano {file}: {rows, plural, one {# wiersz} few {# wiersze} many {# wierszy} other {# wiersza}}, odrzucone: {rejected}',
  'cli.demo.joined':
    'połączono {records, plural, one {# rekord} few {# rekordy} many {# rekordów} other {# rekordu}} w {profiles, plural, one {# profil} few {# profile} many {# profili} other {# profilu}} (scalenia: {merges})',
  'cli.demo.existing': 'baza {location} zawiera już dane; pokazuję je (usuń plik, by zacząć demo od nowa)',
  'cli.demo.next':
    'dalej: `clientele profiles` pokaże najcenniejsze osoby, `clientele profile <e-mail lub id> --explain` jedną z nich,\n       `clientele rejects` wiersze odłożone przez importer, `clientele status` to podsumowanie',
  'cli.warning': 'uwaga: {message} ({code})',
  'cli.journey.line':
    'ścieżka {name} ({state}): {trigger}, {steps, plural, one {# krok} few {# kroki} many {# kroków} other {# kroku}}',
  'cli.journey.updated':
    'wersja {version}: pozostali na swoim kroku: {stayed}, przeszli do następnego zachowanego kroku: {moved}, wyszli (ich krok usunięto): {exited}',
  'cli.campaign.line': 'kampania {name} do segmentu {segment}',
  'cli.campaign.wouldSend': 'do wysłania: {n} z {recipients}; pominięte: {skipped}',
  'cli.campaign.sent': 'wysłano: {n} z {recipients}; pominięte: {skipped}',
  'cli.experiment.line': 'eksperyment {name} w segmencie {segment}: {variants}',
  'cli.experiment.assigned': '{customer}: {variant}',
  'cli.experiment.notMember': '{customer}: {variant} (spoza segmentu: bez przydziału)',
  'cli.journey.run':
    'weszli: {entered}, przeszli dalej: {advanced}, wysłano: {sent}, pominięto: {skipped}, odłożono (godziny ciszy): {deferred}, wyszli: {exited}',
  'cli.journey.runFailed':
    'weszli: {entered}, przeszli dalej: {advanced}, wysłano: {sent}, pominięto: {skipped}, odłożono (godziny ciszy): {deferred}, wyszli: {exited}, nieudane: {failed}',
  'cli.journey.skipped': 'pominięte',
};
