import type { findingsEn } from './findings.en.js';

/** The findings, SWOT statements and model cards in Polish (every key of findings.en.ts). */
export const findingsPl: Readonly<Record<keyof typeof findingsEn, string>> = {
  'mining.when.month.1': 'w styczniu',
  'mining.when.month.2': 'w lutym',
  'mining.when.month.3': 'w marcu',
  'mining.when.month.4': 'w kwietniu',
  'mining.when.month.5': 'w maju',
  'mining.when.month.6': 'w czerwcu',
  'mining.when.month.7': 'w lipcu',
  'mining.when.month.8': 'w sierpniu',
  'mining.when.month.9': 'we wrześniu',
  'mining.when.month.10': 'w październiku',
  'mining.when.month.11': 'w listopadzie',
  'mining.when.month.12': 'w grudniu',
  'mining.when.season.1': 'od grudnia do lutego',
  'mining.when.season.2': 'od marca do maja',
  'mining.when.season.3': 'od czerwca do sierpnia',
  'mining.when.season.4': 'od września do listopada',
  'mining.when.dow.1': 'w poniedziałki',
  'mining.when.dow.2': 'we wtorki',
  'mining.when.dow.3': 'w środy',
  'mining.when.dow.4': 'w czwartki',
  'mining.when.dow.5': 'w piątki',
  'mining.when.dow.6': 'w soboty',
  'mining.when.dow.7': 'w niedziele',
  'mining.when.hour': 'między {from} a {to}',

  'mining.dim.region': 'region',
  'mining.dim.country': 'kraj',
  'mining.dim.city': 'miasto',
  'mining.dim.channel': 'kanał',
  'mining.dim.acquisition_source': 'źródło pozyskania',
  'mining.dim.acquisition_campaign': 'kampania pozyskania',
  'mining.dim.category': 'kategoria',
  'mining.dim.product': 'produkt',
  'mining.dim.segment': 'segment',
  'mining.dims.region': 'regiony',
  'mining.dims.country': 'kraje',
  'mining.dims.city': 'miasta',
  'mining.dims.channel': 'kanały',
  'mining.dims.acquisition_source': 'źródła pozyskania',
  'mining.dims.acquisition_campaign': 'kampanie pozyskania',
  'mining.dims.category': 'kategorie',
  'mining.dims.product': 'produkty',
  'mining.dims.segment': 'segmenty',
  'mining.trend.noSeason.day':
    'dekompozycja sezonowa wymaga dwóch pełnych sezonów ({need} dni, sezonem jest tydzień); ten szereg ma {have, plural, one {# pełny dzień} few {# pełne dni} many {# pełnych dni} other {# pełnego dnia}}',
  'mining.trend.noSeason.week':
    'dekompozycja sezonowa wymaga dwóch pełnych sezonów ({need, plural, one {# tydzień} few {# tygodnie} many {# tygodni} other {# tygodnia}}, sezonem jest rok); ten szereg ma {have, plural, one {# pełny tydzień} few {# pełne tygodnie} many {# pełnych tygodni} other {# pełnego tygodnia}}',
  'mining.trend.noSeason.month':
    'dekompozycja sezonowa wymaga dwóch pełnych sezonów ({need, plural, one {# miesiąc} few {# miesiące} many {# miesięcy} other {# miesiąca}}, sezonem jest rok); ten szereg ma {have, plural, one {# pełny miesiąc} few {# pełne miesiące} many {# pełnych miesięcy} other {# pełnego miesiąca}}',
  'experiment.method.welch': 'test t Welcha na przychodzie na osobę',
  'experiment.method.proportions': 'test z dla dwóch proporcji (z połączoną wariancją)',
  'mining.scan.method.test':
    'dokładny warunkowy test dwóch częstości Poissona, jednostronne mid-p: udział komórki w jej grupie w danym okresie wobec udziału grupy odniesienia w tym samym okresie, liczebności jako efektywne liczebności Kisha',
  'mining.scan.method.crossings':
    'wymiar klienta skrzyżowany z wymiarem produktu jest testowany wobec reszt obu swoich rodziców (pozostałych produktów tej grupy klientów oraz tego produktu poza tą grupą klientów) i zachowuje większe p (test przecięcia i sumy)',
  'mining.scan.method.multiplicity':
    'procedura Benjaminiego–Hochberga na wszystkich ocenionych komórkach; ustaleniami są komórki z q ≤ fdr',
  'mining.scan.method.bounds':
    'dolna granica przebicia z samego testu (mid-p) na poziomie 1 − fdr·R/m, skorygowanym o odsetek fałszywych pokryć',
  'mining.ref.everyone': 'wszyscy pozostali',
  'mining.ref.others': 'inne {kinds}',
  'mining.ref.outside': '{kept} poza grupą {other}',
  'mining.ref.othersIn': 'inne {kinds} w grupie {kept}',

  'mining.measure.revenue': 'przychodu',
  'mining.measure.orders': 'zamówień',
  'mining.measure.customers.month': 'par klient–miesiąc z zakupem',
  'mining.measure.customers.season': 'par klient–sezon z zakupem',
  'mining.measure.customers.dow': 'par klient–dzień tygodnia z zakupem',
  'mining.measure.customers.hour': 'par klient–godzina z zakupem',

  'mining.peak': '{share} {when} wobec {expected} {measure} dla {value}',
  'mining.peak.lift': ' ({lift}×)',
  'mining.peak.measure.revenue': 'całego przychodu',
  'mining.peak.measure.orders': 'wszystkich zamówień',
  'mining.peak.measure.customers': 'wszystkich klientów',
  'mining.finding':
    '{dims}: {share} {measure} ({total} łącznie) przypada {when}, wobec {against} — co najmniej {lift}× (q = {q})',
  'mining.finding.against': '{share} ({words})',

  'mining.anomaly.order':
    'przychód {revenue} leży {z} odpornego odchylenia standardowego {direction} mediany zamówień (w skali logarytmicznej)',
  'mining.above': 'powyżej',
  'mining.below': 'poniżej',
  'mining.anomaly.burst':
    '{n, plural, one {# zamówienie} few {# zamówienia} many {# zamówień} other {# zamówienia}} klienta {customer} w ciągu {window}, łącznie z tym',
  'mining.anomaly.customer':
    'przychód {revenue} z {orders, plural, one {# zamówienia} other {# zamówień}} leży {z} odpornego odchylenia standardowego {direction} mediany klientów (w skali logarytmicznej)',

  'swot.strength.praise': 'Najcenniejsi klienci chwalą „{term}”',
  'swot.weakness.complaint': 'Klienci skarżą się na „{term}”',
  'swot.weakness.churn':
    'Osoby, które złożyły skargę, mają ryzyko odejścia {risk} wobec {others} u pozostałych',
  'swot.opportunity.praiseRising': 'Przybywa pochwał dotyczących „{label}”',
  'swot.opportunity.segmentGrew':
    'Segment „{segment}” urósł w 90 dni o {net, plural, one {# osobę} few {# osoby} many {# osób} other {# osoby}}',
  'swot.opportunity.region':
    '{region}: niewielu klientów ({customers}), ale wysoka wartość na klienta ({value})',
  'swot.threat.competitor':
    '{n, plural, one {# dokument wspomina} few {# dokumenty wspominają} many {# dokumentów wspomina} other {# dokumentu wspomina}} o konkurencji lub innym dostawcy',
  'swot.threat.complaintsRising': 'Przybywa skarg dotyczących „{label}”',
  'swot.threat.churn': '{share}% klientów ma wysokie ryzyko odejścia (powyżej 0,5)',
  'swot.tows.so': 'Wykorzystaj to, co działa ({s}), by sięgnąć po szansę ({o})',
  'swot.tows.st': 'Odpowiedz na zagrożenie ({t}) mocną stroną ({s})',
  'swot.tows.wo': 'Usuń słabość ({w}), by wykorzystać szansę ({o})',
  'swot.tows.wt': 'Usuń słabość ({w}), zanim zagrożenie urośnie ({t})',

  'modelCard.clv.title': 'Wartość klienta w czasie (BG/NBD + Gamma-Gamma)',
  'modelCard.clv.what':
    'Powtórne zakupy według modelu BG/NBD (Fader, Hardie i Lee 2005), a wydatek na zakup według modelu Gamma-Gamma, dopasowane metodą największej wiarygodności do zakupów do {calibrationEnd}; CLV na {months, plural, one {# miesiąc} few {# miesiące} many {# miesięcy} other {# miesiąca}}, dyskontowana o {rate} miesięcznie.',
  'modelCard.clv.steady':
    'BG/NBD zakłada, że klient kupuje w stałym tempie aż do niezauważonego odejścia; silna sezonowość nagina to założenie.',
  'modelCard.clv.independent':
    'Gamma-Gamma zakłada, że wydatek na zakup nie zależy od częstotliwości zakupów; sprawdź korelację wydatku z częstotliwością.',
  'modelCard.alive.title': 'Odejścia bez umowy: szansa, że klient nadal kupuje (BG/NBD)',
  'modelCard.alive.what':
    'Prawdopodobieństwo, że klient nadal kupuje, z modelu BG/NBD dopasowanego do zakupów do {calibrationEnd}; zagrożony poniżej {threshold}; spóźniony, gdy od ostatniego zakupu minęło ponad {overdue} razy więcej czasu niż jego średni odstęp między zakupami.',
  'modelCard.alive.noLabel':
    'Bez etykiety: to prawdopodobieństwa modelu, niesprawdzone z rzeczywistymi odejściami. Sprawdzenie na okresie kontrolnym daje `model clv` z końcem kalibracji.',
  'modelCard.churn.title': "Klasyfikator odejść: '{label}' = '{positive}'",
  'modelCard.churn.what':
    "{method}; przewiduje '{label}' = '{positive}' na podstawie {features, plural, one {# cechy lub miary} other {# cech i miar}}; jakość zmierzono na {test}.",
  'modelCard.churn.logistic': 'Regresja logistyczna z regularyzacją L2 (C = 1) na standaryzowanych cechach',
  'modelCard.churn.trees': 'Drzewa wzmacniane gradientowo (na histogramach)',
  'modelCard.churn.testTime': 'klientach od {from} według {column}',
  'modelCard.churn.testRandom': 'warstwowej, losowej części testowej ({percent}%, ziarno {seed})',
  'modelCard.churn.timeSplit':
    'Okres kontrolny wyznaczony według dat klientów; ich cechy mierzone są do końca danych.',
  'modelCard.churn.randomSplit':
    'Podział losowy, nie czasowy: wyniki mówią, kto przypomina klientów, którzy odeszli, a nie kto odejdzie jako następny.',
  'modelCard.churn.drivers': 'Czynniki to związki, nie przyczyny.',
  'modelCard.lookalike.title': 'Podobni: potencjalni klienci przypominający najlepszych',
  'modelCard.lookalike.what':
    'Regresja logistyczna z regularyzacją L2 na cechach: górne {percent}% kupujących według przychodu wobec pozostałych kupujących; według niej oceniono potencjalnych klientów.',
  'modelCard.lookalike.resemblance':
    'Podobieństwo w cechach podanych przez klientów, nie skłonność do zakupu: model nie korzysta z żadnego wyniku potencjalnych klientów.',
  'modelCard.lookalike.auc':
    'AUC bliskie 0,5 znaczy, że cechy nie odróżniają najlepszych kupujących; wtedy wyniki niewiele mówią.',
  'modelCard.propensity.title': 'Skłonność otwartych leadów do zakupu',
  'modelCard.propensity.what':
    'Regresja logistyczna z regularyzacją L2: wygrane wobec przegranych wśród zamkniętych leadów z notatek sprzedażowych, na podstawie cech, tego, skąd lead się o nas dowiedział, i zgłoszonych zastrzeżeń; jakość zmierzono na warstwowych {percent}% z nich (ziarno {seed}).',
  'modelCard.propensity.few':
    'Mało zamkniętych leadów daje zaszumiony model: czytaj AUC razem z liczbą wierszy testowych.',
  'modelCard.propensity.objections':
    'Zastrzeżenia liczy się z całej historii leada, więc otwarty lead na początku cyklu ma ich mniej.',
  'modelCard.regress.title': '{kind}: {y} względem {x}',
  'modelCard.regress.ols':
    'Metoda najmniejszych kwadratów (rozkład QR Householdera); testy t i przedziały z n − p stopniami swobody.',
  'modelCard.regress.logit': 'Regresja logistyczna metodą Newtona–Raphsona z testami z Walda.',
  'modelCard.regress.logitSeparated':
    'Regresja logistyczna metodą Newtona–Raphsona z testami z Walda; klasy były rozdzielone, więc oszacowania są karane metodą Firtha.',
  'modelCard.regress.associations': 'Związki między klientami, nie skutki przyczynowe.',
  'modelCard.rfm.title': 'Kwintyle i poziomy RFM',
  'modelCard.rfm.what':
    'Świeżość (dni do {asOf}), częstotliwość (zakupy) i wartość (przychód) oceniane od 1 do 5 według kwintyli rang środkowych; poziomy z siatki R × FM.',
  'modelCard.rfm.relative':
    'Kwintyle są względne wobec tej bazy klientów: poziom mówi, jak wysoko klient stoi w rankingu, a nie ile jest wart.',
  'modelCard.rfm.ties': 'Remisy w częstotliwości dostają najniższą ocenę: każdy, kto kupił raz, ma F = 1.',
  'modelCard.spend.title': 'Tygodniowe wydatki marketingowe według kanałów wobec sprzedaży',
  'modelCard.spend.what':
    'Metoda najmniejszych kwadratów: tygodniowy przychód z zakupów względem wydatków każdego kanału w tym samym tygodniu{lags, plural, =0 {} one { i w poprzednim} other { i w # poprzednich}}.',
  'modelCard.spend.seasons':
    'Wydatki mają te same sezony co sprzedaż, więc współczynniki mieszają jedno z drugim; czytaj je jako związki.',
  'modelCard.spend.adstock':
    'Bez efektu przeniesienia (adstock) i nasycenia: to zwykła regresja z rozłożonymi opóźnieniami, nie model marketing mix.',
  'modelCard.value.title': 'Historyczna wartość klientów i to, co łączy najcenniejszych',
  'modelCard.value.what':
    'Przychód, marża, koszt pozyskania (wydatki kanału w miesiącu kohorty na pozyskanego klienta), rabaty i wartość netto na klienta; górne {percent}% według miary {by} porównane z resztą w każdej cesze (testy z i t Welcha, z poprawką Bonferroniego).',
  'modelCard.value.acquisition':
    'Koszt pozyskania to wydatki podzielone między klientów, którzy podają dany kanał; klienci bez kanału nie ponoszą żadnego.',
  'modelCard.value.contrasts': 'Kontrasty to związki; testów jest wiele, więc czytaj skorygowane wartości p.',
};
