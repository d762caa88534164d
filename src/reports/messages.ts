import type { ReportLang } from '../contracts/reports.js';

/** A message with Polish-style plural forms (English uses one and other). */
interface Plural {
  readonly one: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

const en = {
  title: 'Segment report',
  intro:
    'Activity segment by segment: size and its trend, revenue, what is at stake, value and the traits that set each segment apart.',
  generated: 'Made on {date} · {profiles} profiles · money in {currency}',
  overview: 'Revenue and revenue at stake by segment',
  noSegments: 'No saved segments yet. Save one (clientele segment create) and make the report again.',
  segment: 'Segment',
  rule: 'Rule',
  members: { one: '{n} member', other: '{n} members' } as Plural,
  ofAll: '{share} of all profiles',
  size: 'Size',
  sizeTrend: 'Size over time',
  change: 'Change since {date}',
  oneMeasurement: 'Measured once so far: the trend appears after the next refresh.',
  revenue: 'Revenue',
  revenueShare: '{share} of all revenue',
  perMember: 'Revenue per member',
  buyers: 'Have bought',
  clv: 'Mean predicted value (CLV)',
  churn: 'Mean churn risk',
  atStake: 'Revenue at stake',
  atStakeNote: {
    one: '{n} member at risk (churn risk 50% or more)',
    other: '{n} members at risk (churn risk 50% or more)',
  } as Plural,
  atStakeClv: 'their predicted value {value}',
  noChurn: 'No churn scores: run a churn model to see what is at stake.',
  monthly: 'Revenue by month',
  traits: 'Traits that set it apart',
  traitsNone: 'No trait differs significantly from everyone else.',
  trait: 'Trait',
  here: 'In the segment',
  rest: 'Everyone else',
  lift: 'Lift',
  persona: 'Persona',
  action: 'Recommended action',
  channel: 'Best reached by',
  stage: 'Stage',
  careful: 'Read with care',
  none: 'n/a',
  series: { revenue: 'Revenue', atStake: 'At stake', size: 'Members' },
};

type Messages = typeof en;

const pl: Messages = {
  title: 'Raport segmentów',
  intro:
    'Aktywność segment po segmencie: wielkość i jej trend, przychód, przychód zagrożony, wartość oraz cechy, które wyróżniają każdy segment.',
  generated: 'Sporządzono {date} · profile: {profiles} · kwoty w {currency}',
  overview: 'Przychód i przychód zagrożony według segmentów',
  noSegments:
    'Nie ma jeszcze zapisanych segmentów. Zapisz segment (clientele segment create) i utwórz raport ponownie.',
  segment: 'Segment',
  rule: 'Reguła',
  members: { one: '{n} członek', few: '{n} członków', many: '{n} członków', other: '{n} członka' },
  ofAll: '{share} wszystkich profili',
  size: 'Wielkość',
  sizeTrend: 'Wielkość w czasie',
  change: 'Zmiana od {date}',
  oneMeasurement: 'Dotąd jeden pomiar: trend pojawi się po następnym odświeżeniu.',
  revenue: 'Przychód',
  revenueShare: '{share} całego przychodu',
  perMember: 'Przychód na członka',
  buyers: 'Kupili',
  clv: 'Średnia przewidywana wartość (CLV)',
  churn: 'Średnie ryzyko odejścia',
  atStake: 'Przychód zagrożony',
  atStakeNote: {
    one: '{n} członek zagrożony (ryzyko odejścia co najmniej 50%)',
    few: '{n} członków zagrożonych (ryzyko odejścia co najmniej 50%)',
    many: '{n} członków zagrożonych (ryzyko odejścia co najmniej 50%)',
    other: '{n} członka zagrożonego (ryzyko odejścia co najmniej 50%)',
  },
  atStakeClv: 'ich przewidywana wartość {value}',
  noChurn: 'Brak ocen ryzyka odejścia: uruchom model odejść, aby zobaczyć przychód zagrożony.',
  monthly: 'Przychód według miesięcy',
  traits: 'Cechy, które go wyróżniają',
  traitsNone: 'Żadna cecha nie różni się istotnie od reszty klientów.',
  trait: 'Cecha',
  here: 'W segmencie',
  rest: 'Pozostali',
  lift: 'Krotność',
  persona: 'Persona',
  action: 'Zalecane działanie',
  channel: 'Najlepszy kanał',
  stage: 'Etap',
  careful: 'Czytaj ostrożnie',
  none: 'b.d.',
  series: { revenue: 'Przychód', atStake: 'Zagrożony', size: 'Członkowie' },
};

const CATALOGUES: Record<ReportLang, Messages> = { en, pl };

type Key = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type PluralKey = { [K in keyof Messages]: Messages[K] extends Plural ? K : never }[keyof Messages];

/** The report's words in one language. */
export interface Words {
  readonly lang: ReportLang;
  readonly locale: string;
  t(key: Key, values?: Record<string, string>): string;
  plural(key: PluralKey, n: number, formatted: string): string;
  series(name: keyof Messages['series']): string;
  label(feature: string): string;
}

const fill = (text: string, values: Record<string, string> = {}) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** The catalogue of `lang`. */
export function words(lang: ReportLang): Words {
  const m = CATALOGUES[lang];
  const locale = lang === 'pl' ? 'pl-PL' : 'en-US';
  const rules = new Intl.PluralRules(locale);
  return {
    lang,
    locale,
    t: (key, values) => fill(m[key], values),
    plural: (key, n, formatted) => {
      const forms = m[key];
      const form = rules.select(n) as keyof Plural;
      return fill(forms[form] ?? forms.other, { n: formatted });
    },
    series: (name) => m.series[name],
    label: (feature) => FEATURES[lang][feature] ?? asWords(feature),
  };
}

/** 'top_device' as "Top device": a name the catalogue lacks, in words. */
function asWords(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// The profile features the portraits test (src/portraits/features.ts), in words.
const FEATURES: Record<ReportLang, Record<string, string>> = {
  en: {
    age: 'Age',
    age_band: 'Age band',
    average_order_value: 'Average order value',
    average_rating: 'Average rating',
    category: 'Bought from category',
    children: 'Children',
    churn_risk: 'Churn risk',
    clv: 'Predicted value (CLV)',
    country: 'Country',
    days_since_last_order: 'Days since the last order',
    email_click_rate: 'E-mail click rate',
    email_open_rate: 'E-mail open rate',
    events: 'Events',
    gender: 'Gender',
    late_deliveries: 'Late deliveries',
    orders: 'Orders',
    returns: 'Returns',
    revenue: 'Revenue',
    reviews: 'Reviews',
    rfm_tier: 'RFM tier',
    tenure_days: 'Days since the first order',
    tickets: 'Support tickets',
    top_device: 'Device',
    top_os: 'Operating system',
    acquisition_source: 'Acquisition source',
    lifecycle_stage: 'Lifecycle stage',
    income_band: 'Income band',
    utm_source: 'Campaign source',
    utm_medium: 'Campaign medium',
  },
  pl: {
    age: 'Wiek',
    age_band: 'Przedział wieku',
    average_order_value: 'Średnia wartość zamówienia',
    average_rating: 'Średnia ocena',
    category: 'Kupował z kategorii',
    children: 'Dzieci',
    churn_risk: 'Ryzyko odejścia',
    clv: 'Przewidywana wartość (CLV)',
    country: 'Kraj',
    days_since_last_order: 'Dni od ostatniego zamówienia',
    email_click_rate: 'Klikalność e-maili',
    email_open_rate: 'Otwieralność e-maili',
    events: 'Zdarzenia',
    gender: 'Płeć',
    late_deliveries: 'Spóźnione dostawy',
    orders: 'Zamówienia',
    returns: 'Zwroty',
    revenue: 'Przychód',
    reviews: 'Opinie',
    rfm_tier: 'Grupa RFM',
    tenure_days: 'Dni od pierwszego zamówienia',
    tickets: 'Zgłoszenia do obsługi',
    top_device: 'Urządzenie',
    top_os: 'System operacyjny',
    acquisition_source: 'Źródło pozyskania',
    lifecycle_stage: 'Etap cyklu życia',
    income_band: 'Przedział dochodu',
    utm_source: 'Źródło kampanii',
    utm_medium: 'Medium kampanii',
  },
};
