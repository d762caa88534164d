/** Shapes of the API's answers that the screens read (the server's OpenAPI at /docs is the reference). */

export interface Breakdown {
  key: string;
  customers: number;
  revenue: number;
}

export interface Overview {
  range: { from: string; to: string; previousFrom: string; previousTo: string };
  dataRange: { first: string | null; last: string | null };
  segment: string | null;
  totals: {
    profiles: number;
    customers: number;
    prospects: number;
    buyers: number;
    active: number;
    activePrevious: number;
    newBuyers: number;
    orders: number;
    ordersPrevious: number;
    revenue: number;
    revenuePrevious: number;
    growth: number | null;
    lifetimeRevenue: number;
  };
  revenueByMonth: { month: string; revenue: number; orders: number; buyers: number }[];
  valueDistribution: { from: number; to: number | null; customers: number; revenue: number }[];
  countries: Breakdown[];
  channels: Breakdown[];
  devices: Breakdown[];
  os: Breakdown[];
  computedMs: number;
  cached: boolean;
}

export interface SegmentSummary {
  name: string;
  expression: string;
  kind: string;
  count: number;
  refreshedAt: string | null;
  sizes: { at: string; size: number }[];
  description?: string | null;
}

export interface ProfileRow {
  id: number;
  customerIds: string[] | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  orders: number;
  revenue: number;
  lastSeenAt: string | null;
}

export interface Profile {
  id: number;
  identities: { type: string; value: string }[];
  customerIds: string[];
  traits: Record<string, unknown>;
  metrics: Record<string, unknown> & {
    orders: number;
    revenue: number;
    email?: Record<string, unknown>;
    favouriteCategories?: { category: string; units: number }[];
  };
  channels: string[];
  devices: { deviceType: string | null; os: string | null; events: number }[];
  records: Record<string, number>;
  timeline: { at: string; kind: string; what: string; source: string }[];
  explain?: {
    identifiers: {
      type: string;
      value: string;
      records: { table: string; rowKey: string; file: string | null; importedAt: string | null }[];
    }[];
    refused: {
      table: string;
      rowKey: string;
      type: string;
      value: string;
      otherProfile: number | null;
      at: string;
    }[];
  };
}

export interface ModelCard {
  model: string;
  title: string;
  what: string;
  data: {
    source: string;
    windowStart: string | null;
    windowEnd: string | null;
    rowsRead: number;
    rowsUsed: number;
    customers: number;
  };
  parameters: Record<string, unknown>;
  quality: Record<string, number | string | null>;
  caveats: string[];
  scores: string[];
}

export interface ModelRun {
  runId: number;
  model: string;
  parameters: unknown;
  windowStart: string | null;
  windowEnd: string | null;
  rowsRead: number;
  rowsUsed: number;
  customersScored: number;
  metrics: Record<string, unknown> | null;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  card: ModelCard | null;
}
