/**
 * Firmographics of B2B contacts: company, industry, size, revenue band, job title and whether the
 * contact decides purchases.
 */
import type { Pools } from './pools.js';
import type { Rng } from './prng.js';
import { logNormal } from './samplers.js';

/** The account a B2B contact works for. */
export interface Company {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly employees: number;
  readonly revenueBand: string;
  readonly jobTitle: string;
  readonly decisionMaker: boolean;
}

const INDUSTRIES = [
  'Software',
  'Healthcare',
  'Education',
  'Construction',
  'Hospitality',
  'Retail',
  'Manufacturing',
  'Financial Services',
  'Legal',
  'Real Estate',
  'Nonprofit',
  'Logistics',
];

// Title and the probability that its holder signs off purchases.
const TITLES: readonly (readonly [string, number])[] = [
  ['Office Manager', 0.35],
  ['Procurement Manager', 0.8],
  ['Operations Director', 0.85],
  ['IT Manager', 0.5],
  ['Facilities Manager', 0.6],
  ['CEO', 0.95],
  ['CFO', 0.9],
  ['Purchasing Specialist', 0.25],
  ['Executive Assistant', 0.1],
  ['Head of Workplace', 0.8],
];

function revenueBand(employees: number): string {
  if (employees < 10) return '<1M';
  if (employees < 50) return '1M-10M';
  if (employees < 250) return '10M-50M';
  if (employees < 1000) return '50M-250M';
  return '250M+';
}

/** A company and the contact's role in it. */
export function drawCompany(rng: Rng, pools: Pools): Company {
  const name = rng.pick(pools.companies);
  const employees = Math.max(2, Math.min(20_000, Math.round(logNormal(rng, Math.log(45), 1.3))));
  const [jobTitle, decides] = rng.pick(TITLES);
  return {
    id: `ACC-${rng.hex(8)}`,
    name,
    domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`,
    industry: rng.pick(INDUSTRIES),
    employees,
    revenueBand: revenueBand(employees),
    jobTitle,
    decisionMaker: rng.chance(decides),
  };
}
