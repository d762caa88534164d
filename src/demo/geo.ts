/**
 * Where customers live: US states with population weights and sales tax, real cities with their ZIP
 * prefixes and area codes (so generated phone numbers pass libphonenumber-js), and the retailer's stores.
 */
import type { Rng } from './prng.js';
import { Categorical } from './samplers.js';

/** One city: name, three-digit ZIP prefix, area codes. */
export interface City {
  readonly name: string;
  readonly state: string;
  readonly zip3: string;
  readonly areaCodes: readonly number[];
  readonly store: string | null;
}

/** One state: code, weight, sales tax, cities. */
export interface State {
  readonly code: string;
  readonly weight: number;
  readonly tax: number;
  readonly cities: readonly City[];
}

// code, weight, tax, then `City:zip3:area codes[:store]` entries. A store name means the retailer has a shop there.
const RAW: readonly [string, number, number, string][] = [
  [
    'CA',
    14,
    0.0725,
    'Los Angeles:900:213,310,323:S|San Francisco:941:415,628:S|San Diego:921:619,858:S|San Jose:951:408,669|Sacramento:958:916',
  ],
  [
    'TX',
    10,
    0.0625,
    'Houston:770:713,281,832:S|Dallas:752:214,469,972:S|Austin:787:512,737:S|San Antonio:782:210,726',
  ],
  ['FL', 8, 0.06, 'Miami:331:305,786:S|Orlando:328:407,321:S|Tampa:336:813|Jacksonville:322:904'],
  ['NY', 7, 0.04, 'New York:100:212,646,917:S|Brooklyn:112:718,347|Buffalo:142:716|Rochester:146:585'],
  ['PA', 4.5, 0.06, 'Philadelphia:191:215,267:S|Pittsburgh:152:412'],
  ['IL', 4.5, 0.0625, 'Chicago:606:312,773:S|Naperville:605:630'],
  ['OH', 4, 0.0575, 'Columbus:432:614:S|Cleveland:441:216|Cincinnati:452:513'],
  ['GA', 3.5, 0.04, 'Atlanta:303:404,678,470:S|Savannah:314:912'],
  ['NC', 3.5, 0.0475, 'Charlotte:282:704,980:S|Raleigh:276:919,984'],
  ['MI', 3.5, 0.06, 'Detroit:482:313:S|Grand Rapids:495:616|Ann Arbor:481:734'],
  ['NJ', 3, 0.06625, 'Newark:071:973,862|Jersey City:073:201,551:S'],
  ['VA', 3, 0.053, 'Virginia Beach:234:757|Richmond:232:804|Arlington:222:703,571:S'],
  ['WA', 2.8, 0.065, 'Seattle:981:206:S|Tacoma:984:253|Spokane:992:509'],
  ['AZ', 2.5, 0.056, 'Phoenix:850:602,480:S|Tucson:857:520'],
  ['MA', 2.4, 0.0625, 'Boston:021:617,857:S|Worcester:016:508'],
  ['TN', 2.5, 0.07, 'Nashville:372:615,629:S|Memphis:381:901'],
  ['MN', 2, 0.06875, 'Minneapolis:554:612:S|Saint Paul:551:651'],
  ['CO', 2, 0.029, 'Denver:802:303,720:S|Colorado Springs:809:719|Boulder:803:303'],
  ['OR', 1.5, 0, 'Portland:972:503,971:S|Eugene:974:541'],
  ['UT', 1.2, 0.061, 'Salt Lake City:841:801,385:S|Provo:846:801'],
];

/** The states, largest first. */
export const STATES: readonly State[] = RAW.map(([code, weight, tax, cities]) => ({
  code,
  weight,
  tax,
  cities: cities.split('|').map((entry) => {
    const [name = '', zip3 = '', codes = '', store] = entry.split(':');
    return {
      name,
      state: code,
      zip3,
      areaCodes: codes.split(',').map(Number),
      store: store ? `Harbor & Pine ${name}` : null,
    };
  }),
}));

const STATE_CHOICE = new Categorical(
  STATES,
  STATES.map((s) => s.weight),
);

/** A state by population weight and a city within it (the first city twice as likely as the others). */
export function drawCity(rng: Rng): City {
  const state = STATE_CHOICE.sample(rng);
  const weights = state.cities.map((_, i) => (i === 0 ? 2 : 1));
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return state.cities[i] as City;
  }
  return state.cities[0] as City;
}

/** The nearest store: the city's own, else the state's first store, else null. */
export function storeFor(city: City): string | null {
  if (city.store) return city.store;
  const state = STATES.find((s) => s.code === city.state);
  return state?.cities.find((c) => c.store)?.store ?? null;
}

/** Sales tax rate of a state. */
export function taxRate(stateCode: string): number {
  return STATES.find((s) => s.code === stateCode)?.tax ?? 0;
}

/** A US phone number in E.164 (+1, a real area code of the city, an exchange not starting with 0 or 1). */
export function drawPhone(rng: Rng, city: City): string {
  const area = rng.pick(city.areaCodes);
  let exchange = rng.between(200, 999);
  // N11 codes are service numbers and 555 is reserved for fiction.
  if (exchange % 100 === 11 || exchange === 555) exchange += 1;
  const line = rng.int(10000);
  return `+1${area}${exchange}${String(line).padStart(4, '0')}`;
}
