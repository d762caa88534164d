import { cliPl } from './cli.pl.js';
import { detailsPl } from './details.pl.js';
import type { Catalogue } from './en.js';
import { findingsPl } from './findings.pl.js';
import { ingestPl } from './ingest.pl.js';
import { sharedPl } from './shared.js';

// Polish plural forms (Intl.PluralRules 'pl'): one = 1; few = 2–4, 22–24 …; many = 0, 5–21, 25 …;
// other = fractions. "Member" is "osoba" (1 osoba, 2 osoby, 5 osób, 1,5 osoby), which reads well after any count.

/** The server's sentences in Polish (every key of en.ts). */
export const pl: Catalogue = {
  ...findingsPl,
  ...cliPl,
  ...sharedPl,
  ...detailsPl,
  ...ingestPl,
  'common.na': 'b.d.',
  'common.none': 'nic nie zmierzono',
  'common.yes': 'tak',
  'common.no': 'nie',
  'common.and': ' i ',
  'common.vsOthers': ' (×{lift} względem innych)',

  'stage.prospect': 'potencjalni klienci',
  'stage.first purchase': 'po pierwszym zakupie',
  'stage.repeat': 'powracający',
  'stage.loyal': 'lojalni',
  'stage.lapsing': 'odchodzący',
  'stageWords.prospect': 'Potencjalni klienci, którzy jeszcze nic nie kupili',
  'stageWords.first purchase': 'Nowi klienci po pierwszym zakupie',
  'stageWords.repeat': 'Klienci kupujący ponownie',
  'stageWords.loyal': 'Lojalni, częsti klienci',
  'stageWords.lapsing': 'Klienci, którzy odchodzą',

  'mustHave.stage': 'etap',
  'mustHave.decisionMaker': 'decydenci',
  'mustHave.preferredChannel': 'preferowany kanał',
  'mustHave.triggers': 'bodźce',
  'mustHave.holdbacks': 'bariery',

  'day.Monday': 'poniedziałek',
  'day.Tuesday': 'wtorek',
  'day.Wednesday': 'środa',
  'day.Thursday': 'czwartek',
  'day.Friday': 'piątek',
  'day.Saturday': 'sobota',
  'day.Sunday': 'niedziela',

  'persona.computing':
    'Persony wciąż są obliczane w tle (przy dużych danych trwa to minuty); zapytaj ponownie za {seconds} s, będą gotowe, gdy obliczenie się skończy.',
  'persona.computingEarlier':
    'Te persony pochodzą z {date}, z wcześniejszego stanu danych lub segmentów; aktualne są obliczane w tle: zapytaj ponownie za {seconds} s.',
  'persona.notEnoughData': 'Za mało danych:',
  'persona.smallWhy':
    'segment liczy {size, plural, one {# osobę} few {# osoby} many {# osób} other {# osoby}}, mniej niż {min} potrzebnych do ustaleń',
  'persona.stage':
    '{stage}: kupiło {buyers}, mediana zamówień {orders}, mediana dni od ostatniego zamówienia {days}',
  'persona.stageChurn': ', średnie ryzyko odejścia {churn}',
  'persona.decision.mostly': 'głównie decydenci: decyduje {share} z {known} kontaktów B2B',
  'persona.decision.mostlyNot': 'głównie nie decydenci: decyduje {share} z {known} kontaktów B2B',
  'persona.decision.thin':
    'rolę decyzyjną znamy dla {known} z {size} osób (potrzeba {min} kontaktów i {coverage} osób; dane kontaktów B2B rzadko obejmują konsumentów)',
  'persona.channel': '{channel}: kliknięto {click} wiadomości w kanale {channel}{lift}',
  'persona.channelOpened': ', otwarto {open}',
  'persona.channel.thin':
    'żaden kanał nie wysłał osobom z segmentu co najmniej {min} wiadomości z mierzonymi kliknięciami ({sent})',
  'persona.channel.noMessages': 'brak jakichkolwiek wiadomości',
  'persona.trigger.afterClick':
    'kliknięcie w wiadomość w ciągu {days, plural, one {# dnia} few {# dni} many {# dni} other {# dnia}} przed zamówieniem',
  'persona.trigger.campaign': 'kampania wskazana w zamówieniu',
  'persona.trigger.discounted': 'rabat co najmniej 10% lub kupon',
  'persona.trigger.afterView':
    'obejrzenie produktu w ciągu {days, plural, one {# dnia} few {# dni} many {# dni} other {# dnia}} przed zamówieniem',
  'persona.trigger.afterLifeEvent':
    'wydarzenie życiowe (przeprowadzka, ślub, narodziny) w ciągu {days, plural, one {# dnia} few {# dni} many {# dni} other {# dnia}} przed zamówieniem',
  'persona.trigger': '{what}: {share} ich zamówień{lift}',
  'persona.trigger.none':
    'Nic nie wyróżnia ich zamówień: żadne kliknięcie w wiadomość, kampania, rabat, obejrzenie produktu ani wydarzenie życiowe nie poprzedza ich {orders, plural, one {# zamówienia} few {# zamówień} many {# zamówień} other {# zamówienia}} co najmniej {lift} razy częściej niż zamówień innych klientów (ponad przypadek)',
  'persona.trigger.noOrders': 'nie złożyli żadnego zamówienia, więc nic nie pokazuje, co by je poprzedziło',
  'persona.trigger.fewOrders':
    '{orders, plural, one {# zamówienie} few {# zamówienia} many {# zamówień} other {# zamówienia}}, mniej niż {min} potrzebnych, by powiedzieć, co je poprzedza',
  'persona.holdback.neverBought': '{share} nigdy nie kupiło',
  'persona.holdback.funnel': "{drop} osób z etapem '{from}' nie dochodzi do '{to}' (pozostali: {rest})",
  'persona.holdback.price': 'wrażliwi na cenę: {share} zamówień z rabatem co najmniej 10%{lift}',
  'persona.holdback.returns': 'zwracają {rate} zamówień{lift}',
  'persona.holdback.complaint': 'skarżą się na „{value}”: {share} ich skarg',
  'persona.holdback.objection': 'zastrzeżenie: {value} ({count} z {notes} notatek handlowych)',
  'persona.holdback.none':
    'Żadna bariera się nie wyróżnia: żaden etap lejka nie traci {drop} z nich, rabaty i zwroty nie są wyższe niż u innych, żadna skarga ani zastrzeżenie się nie powtarza',
  'persona.holdback.thin':
    'zamówienia: {orders}, osoby w lejku: {reached}; to mniej niż {min} potrzebnych, by powiedzieć, co ich powstrzymuje',
  'persona.source': '{value}: {share} ich wizyt ze znanym źródłem{lift}',
  'persona.source.acquired': 'pozyskani przez {value}: {share}{lift}',
  'persona.source.none':
    'Żadne źródło ich nie wyróżnia: żadne nie daje im co najmniej {lift} razy większego udziału wizyt niż innym klientom, ponad przypadek (najczęstsze: {value}, {share})',
  'persona.times':
    'najaktywniejsi o {hours} ({tz}) oraz w dni: {days}; {share} ich aktywności przypada na te godziny (pozostali: {rest})',
  'persona.negative.never': 'persona negatywna: kiedykolwiek kupiło {share}',
  'persona.negative.costs': 'persona negatywna: kosztuje o {money} więcej, niż przynosi',
  'persona.positive': 'przynosi {money} netto po kosztach towaru, zwrotach i kosztach pozyskania',
  'persona.demographic': '{feature} {value}: {share}{lift}',
  'persona.summary.negative': 'Persona negatywna: ',
  'persona.summary.perPerson': 'zamówienia na osobę: {orders}, przychód na osobę: {revenue}',
  'persona.summary.reached': 'najlepszy kanał: {channel}',
  'persona.summary.small':
    'tylko {size, plural, one {# osoba} few {# osoby} many {# osób} other {# osoby}}: za mało do ustaleń',
  'persona.phrase.age': 'w wieku {value}',
  'persona.phrase.children': 'dzieci: {value}',
  'persona.usualChannel': 'dotychczasowym',

  'card.channel': 'Preferowany kanał · aktywność',
  'card.decision': 'Decydenci',
  'card.triggers': 'Bodźce',
  'card.holdbacks': 'Bariery',
  'card.sources': 'Źródła informacji',
  'card.products': 'Najczęstsze produkty',
  'card.value': 'Wartość',
  'card.valueLine': 'przychód {revenue} ({share} całości)',
  'card.clv': ' · średnie CLV {clv}',
  'card.careful': 'Czytaj ostrożnie',
  'card.people': '{segment} · {n, plural, one {# osoba} few {# osoby} many {# osób} other {# osoby}}',
  'card.negative': 'persona negatywna',
  'card.notes': 'Notatki',
  'card.preferred': 'Preferowany kanał',
  'card.active': 'Aktywność',
  'card.demographics': 'Demografia',
  'card.actions': 'Proponowane działania',
  'card.evidence': 'Dowody',
  'card.why': 'Dlaczego: {text}',
  'card.expected': 'Oczekiwany efekt: {text}',
  'card.edited': 'Zmienione przez ludzi: {fields}',
  'card.demographic': '{feature}: {value} ({share}, ×{lift})',
  'card.product': '{product} (kupiło {share}, ×{lift})',
  'card.valueFull':
    'przychód {revenue} ({share} całości) · zamówienia na osobę: {orders} · średnie CLV {clv} · średnie ryzyko odejścia {churn} · netto {net}',
  'card.none': 'brak',
  'card.title': '{name}: persona segmentu {segment}',

  'playbook.winBack.action':
    'Wyślij osobistą ofertę powrotu w kanale {preferredChannel} do osób z segmentu ({size}), zanim odejdą.',
  'playbook.winBack.effect':
    'Chroni do {clvAtRisk} oczekiwanej wartości klientów (osoby × średnie CLV {clvMean} × średnie ryzyko odejścia {churnRiskMean%}).',
  'playbook.reengage.action':
    'Uruchom serię wiadomości reaktywacyjnych w kanale {preferredChannel} z tym, co kupowali wcześniej.',
  'playbook.reengage.effect':
    'Każda osoba, która wróci, jest warta około {revenuePerOrder} na zamówienie; średnie ryzyko odejścia teraz {churnRiskMean%}.',
  'playbook.firstPurchase.action':
    'Zaproponuj niewielką zachętę do pierwszego zakupu (np. 10% rabatu na pierwsze zamówienie) w kanale {preferredChannel}.',
  'playbook.firstPurchase.effect':
    'Gdyby kupowali jak wszyscy inni (kupuje {restBuyerShare%}), przybyłoby {potentialBuyers} kupujących.',
  'playbook.secondPurchase.action':
    'W ciągu 30 dni po pierwszym zamówieniu zaproponuj produkty kupowane razem z nim, w kanale {preferredChannel}.',
  'playbook.secondPurchase.effect':
    'Średnie CLV teraz {clvMean}; drugie zamówienie dodaje około {revenuePerOrder}.',
  'playbook.loyalty.action':
    'Zaproś ich do programu lojalnościowego i zaproponuj to, co kupuje się razem z ich ostatnim zamówieniem, w kanale {preferredChannel}.',
  'playbook.loyalty.effect':
    'Każde kolejne zamówienie jest warte około {revenuePerOrder}; średnie CLV {clvMean} ({clvLift}× reszta klientów), średnie ryzyko odejścia {churnRiskMean%}.',
  'playbook.vip.action':
    'Zapewnij osobom z segmentu ({size}) obsługę VIP: wcześniejszy dostęp, osobisty kontakt, bez wiadomości opartych na rabatach.',
  'playbook.vip.effect':
    'Przynoszą {revenueShare%} całego przychodu; średnie CLV {clvMean}, {clvLift}× reszta klientów.',
  'playbook.referral.action': 'Poproś o polecenia (nagroda za polecenie znajomego) i opinie.',
  'playbook.referral.effect':
    'Przynoszą {revenueShare%} całego przychodu, po {ordersPerMember} zamówienia na osobę; średnie CLV {clvMean}.',
  'playbook.suppress.action':
    'Wyklucz osoby z segmentu ({size}) z płatnych kampanii i grup wzorcowych (lookalike); zostaw tylko własne kanały.',
  'playbook.suppress.effect':
    'Wartość netto teraz {net} po kosztach towaru, zwrotach i kosztach pozyskania; zaoszczędzony budżet nie idzie na nich.',
  'playbook.evidence': '{figure} = {value} (warunek {op} {threshold})',

  'figure.clvLift': 'CLV względem reszty klientów',
  'figure.churnRiskMean': 'średnie ryzyko odejścia',
  'figure.stage': 'etap',
  'figure.negative': 'persona negatywna',
  'figure.size': 'liczba osób',
  'figure.revenueShare': 'udział w przychodzie',
  'figure.buyerShare': 'udział kupujących',
  'figure.clvMean': 'średnie CLV',
  'figure.ordersPerMember': 'zamówienia na osobę',
  'figure.net': 'wartość netto',

  'warn.personaSmall':
    '{segment} liczy {size, plural, one {# osobę} few {# osoby} many {# osób} other {# osoby}} (mniej niż {min}): persona podaje wielkość, etap i wartość, bez ustaleń',
  'warn.personaThin': '{segment}: za mało danych dla: {fields}; persona mówi o tym w każdym z tych miejsc',
  'warn.voiceSampled':
    'ich słowa i cytaty pochodzą z losowej próbki {sampled} z {documents} napisanych przez nich tekstów; liczby słów dotyczą próbki',
  'warn.voiceFew':
    'osoby z segmentu napisały tylko {n, plural, one {# tekst} few {# teksty} many {# tekstów} other {# tekstu}}: ich słowa i nastroje mogą być przypadkowe',
  'audit.source': '{kind}: {file}',
  'audit.fieldsEmpty':
    '{source}: {n, plural, one {pole „{fields}” jest puste w każdym wierszu} few {# pola są puste w każdym wierszu: {fields}} many {# pól jest pustych w każdym wierszu: {fields}} other {# pola są puste w każdym wierszu: {fields}}}',
  'audit.fieldsEmpty.fix.cli':
    '{n, plural, one {sprawdź kolumnę przypisaną do niego w eksporcie albo przypisz inną przez --map} other {sprawdź kolumny przypisane do nich w eksporcie albo przypisz inne przez --map}}',
  'audit.fieldsEmpty.fix.web':
    '{n, plural, one {sprawdź kolumnę przypisaną do niego w eksporcie albo wybierz inną w przypisaniu kolumn, importując plik ponownie na ekranie Dane} other {sprawdź kolumny przypisane do nich w eksporcie albo wybierz inne w przypisaniu kolumn, importując plik ponownie na ekranie Dane}}',
  'audit.rowsRejected':
    '{source}: {n, plural, one {# wiersz odrzucono przy imporcie (jego wartości nie dało się zapisać)} few {# wiersze odrzucono przy imporcie (ich wartości nie dało się zapisać)} many {# wierszy odrzucono przy imporcie (ich wartości nie dało się zapisać)} other {# wiersza odrzucono przy imporcie (ich wartości nie dało się zapisać)}}',
  'audit.rowsRejected.fix.cli':
    '`clientele rejects --import {id}` pokazuje je z powodem; popraw eksport i zaimportuj go ponownie',
  'audit.rowsRejected.fix.web':
    'ekran Dane pokazuje je w sekcji Odrzucone wiersze, z powodem; popraw eksport i zaimportuj go ponownie',
  'audit.emailSyntax':
    'Różne adresy e-mail (każdy liczony raz we wszystkich tabelach), które nie są poprawnymi adresami e-mail: {n}',
  'audit.emailSyntax.fix': 'popraw je u źródła; nie da się na nie wysłać wiadomości',
  'audit.emailDisposable':
    '{n, plural, one {# adres jest w domenie jednorazowej} few {# adresy są w domenach jednorazowych} many {# adresów jest w domenach jednorazowych} other {# adresu jest w domenach jednorazowych}}',
  'audit.emailDisposable.fix': 'nie licz ich jako osiągalnych; poproś o stały adres',
  'audit.emailRole':
    '{n, plural, one {# adres to adres funkcyjny (info@, sales@), nie osoby} few {# adresy to adresy funkcyjne (info@, sales@), nie osób} many {# adresów to adresy funkcyjne (info@, sales@), nie osób} other {# adresu to adresy funkcyjne (info@, sales@), nie osób}}',
  'audit.emailRole.fix': 'znajdź osobę, która stoi za wspólną skrzynką',
  'audit.emailTypo':
    '{n, plural, one {# adres w domenie {domain}, zapewne literówka w {to}} few {# adresy w domenie {domain}, zapewne literówka w {to}} many {# adresów w domenie {domain}, zapewne literówka w {to}} other {# adresu w domenie {domain}, zapewne literówka w {to}}}',
  'audit.emailTypo.fix': 'popraw {domain} na {to}',
  'audit.emailBounced':
    '{n, plural, one {# adres odbił wiadomość: po pierwszym twardym odbiciu nie da się na niego doręczyć} few {# adresy odbiły wiadomość: po pierwszym twardym odbiciu nie da się na nie doręczyć} many {# adresów odbiło wiadomość: po pierwszym twardym odbiciu nie da się na nie doręczyć} other {# adresu odbiło wiadomość: po pierwszym twardym odbiciu nie da się na nie doręczyć}}',
  'audit.emailBounced.fix': 'przestań na nie wysyłać i poproś te osoby o nowy adres',
  'audit.emailComplained':
    '{n, plural, one {Odbiorca pod # adresem oznaczył wiadomość jako spam} other {Odbiorcy pod # adresami oznaczyli wiadomość jako spam}}',
  'audit.emailComplained.fix': 'przestań wysyłać do nich wiadomości marketingowe',
  'audit.phoneCountry':
    'Różne numery telefonu (każdy liczony raz we wszystkich tabelach), które nie są poprawnymi numerami dla swojego kraju: {n}',
  'audit.phoneCountry.fix': 'zapisz je z kierunkowym kraju (E.164) albo popraw kraj wiersza',
  'audit.phoneNoRegion':
    '{n, plural, one {# numer telefonu nie ma ani kierunkowego kraju, ani kraju w swoim wierszu, więc nie da się go sprawdzić} few {# numery telefonu nie mają ani kierunkowego kraju, ani kraju w swoim wierszu, więc nie da się ich sprawdzić} many {# numerów telefonu nie ma ani kierunkowego kraju, ani kraju w swoim wierszu, więc nie da się ich sprawdzić} other {# numeru telefonu nie ma ani kierunkowego kraju, ani kraju w swoim wierszu, więc nie da się ich sprawdzić}}',
  'audit.phoneNoRegion.fix': 'importuj z nimi kraj albo zapisuj numery w formacie E.164',
  'audit.stale':
    'Od {cutoff} żadne źródło nie potwierdziło danych {n, plural, one {# osoby} other {# osób}} z {profiles}',
  'audit.stale.fix':
    'potwierdź je ponownie (e-mail z prośbą o potwierdzenie, usługa weryfikacji) albo pozwól ich danym się przedawnić',
  'audit.disagree.fix.cli':
    'zdecyduj, które źródło ma rację (`clientele profile ID --explain` pokazuje plik każdego rekordu), i popraw drugie',
  'audit.disagree.fix.web':
    'zdecyduj, które źródło ma rację (rekordy profilu podają swoje pliki), i popraw drugie',
  'audit.deliveredEarly':
    '{n, plural, one {# zamówienie doręczono przed jego złożeniem} few {# zamówienia doręczono przed ich złożeniem} many {# zamówień doręczono przed ich złożeniem} other {# zamówienia doręczono przed ich złożeniem}}',
  'audit.deliveredEarly.fix': 'sprawdź strefy czasowe i formaty dat obu kolumn w eksporcie',
  'audit.emailInvalid': 'Wiersze, w których „{field}” nie jest poprawnym adresem e-mail: {n}',
  'audit.emailInvalid.fix': 'popraw je u źródła albo wyczyść',
  'audit.phoneInvalid':
    'Wiersze, w których „{field}” nie jest poprawnym numerem telefonu dla kraju wiersza: {n}',
  'audit.phoneInvalid.fix': 'zapisuj numery z kierunkowym kraju (E.164) albo popraw kraj wiersza',
  'audit.postalInvalid': 'Wiersze, w których „{field}” nie pasuje do wzoru kodu pocztowego kraju: {n}',
  'audit.postalInvalid.fix': 'sprawdź kraj tych wierszy i sam kod',
  'audit.ageImpossible': 'Wiersze z niemożliwym polem „{field}” (poniżej 0 lub powyżej {max} lat): {n}',
  'audit.ageImpossible.fix': 'wyczyść je albo zapytaj ponownie',
  'audit.dateImpossible':
    'Wiersze z niemożliwą datą w polu „{field}” (w przyszłości albo przed {earliest}): {n}',
  'audit.dateImpossible.fix':
    'sprawdź format dat w eksporcie (zamieniony dzień z miesiącem?) albo je wyczyść',
  'audit.invalid': 'Wiersze z niepoprawnym polem „{field}”: {n}',
  'audit.invalid.fix': 'popraw je u źródła',
  'audit.disagree': 'Osoby, których rekordy różnią się w polu „{field}”: {n}',
  'warn.reportSmall':
    '{segment} liczy {size, plural, one {# osobę} few {# osoby} many {# osób} other {# osoby}}: jego wskaźniki mogą być przypadkowe.',
  'warn.reportNoChurn':
    '{segment} nie ma ocen ryzyka odejścia: uruchom model odejść (clientele model churn), aby zobaczyć przychód zagrożony.',

  'cli.report.wrote':
    'zapisano {out} ({format}, bajty: {bytes}): {count, plural, =0 {żadnego segmentu} one {# segment: {names}} few {# segmenty: {names}} many {# segmentów: {names}} other {# segmentu: {names}}}',
  'cli.warning': 'ostrzeżenie: {message} ({code})',
  'cli.col.order': 'zamówienie',
  'cli.col.customer': 'klient',
  'cli.col.customers': 'klienci',
  'cli.col.when': 'kiedy',
  'cli.col.revenue': 'przychód',
  'cli.col.orders': 'zamówienia',
  'cli.col.why': 'dlaczego',
  'cli.col.card': 'karta',
  'cli.col.peak': 'szczyt',
  'cli.concentration.none': 'brak sprzedaży {filter} w tym okresie',
  'cli.scan.summary':
    '{credible} z {scored, plural, one {# ocenionej komórki} other {# ocenionych komórek}} to koncentracje przy odsetku fałszywych odkryć {fdr}',
  'cli.scan.shown': ' (pokazano pierwsze {n})',
  'cli.swot.title': 'SWOT-TOWS — {name}',
  'cli.swot.edited': ' (edytowany)',
  'cli.swot.strengths': 'mocne strony',
  'cli.swot.weaknesses': 'słabe strony',
  'cli.swot.opportunities': 'szanse',
  'cli.swot.threats': 'zagrożenia',
  'cli.swot.nothing': '(nic nie znaleziono w danych)',
  'cli.written': 'zapisano do {out}',

  'report.generated': 'Sporządzono {date} · profile: {profiles} · kwoty w {currency}',
  'report.noSegments':
    'Nie ma jeszcze zapisanych segmentów. Zapisz segment (clientele segment create) i utwórz raport ponownie.',
  'report.segment': 'Segment',
  'report.rule': 'Reguła',
  'report.members': '{n, plural, one {# osoba} few {# osoby} many {# osób} other {# osoby}}',
  'report.size': 'Wielkość',
  'report.change': 'Zmiana od {date}',
  'report.perMember': 'Przychód na osobę',
  'report.clv': 'Średnia przewidywana wartość (CLV)',
  'report.atStakeNote':
    '{n, plural, one {# osoba zagrożona} few {# osoby zagrożone} many {# osób zagrożonych} other {# osoby zagrożonej}} (ryzyko odejścia co najmniej 50%)',
  'report.atStakeClv': 'ich przewidywana wartość {value}',
  'report.channel': 'Najlepszy kanał',
  'report.stage': 'Etap',
  'report.careful': 'Czytaj ostrożnie',
  'report.none': 'b.d.',
  'report.series.revenue': 'Przychód',
  'report.series.atStake': 'Zagrożony',
  'report.series.size': 'Osoby',
};
