import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importFile } from '../../src/ingest/index.js';
import { openWarehouse, type Warehouse } from '../../src/store/index.js';

// A tiny shop written out as files and imported as a user would: three products, five customers, eight
// orders (one cancelled) over three months, and a handful of Segment events for funnels and paths.
const PRODUCTS = `product_id,name,category,price
P1,Tent,Outdoor,100
P2,Stakes,Outdoor,10
P3,Novel,Books,15
`;
const CUSTOMERS = `customer_id,email,region,country,acquisition_source
c1,c1@x.io,NY,US,social
c2,c2@x.io,NY,US,social
c3,c3@x.io,CA,US,email
c4,c4@x.io,CA,US,email
c5,c5@x.io,TX,US,organic
`;
const ORDERS = `order_id,customer_id,order_ts,revenue,channel,status,ship_region
o1,c1,2024-01-05T10:00:00Z,110,web,completed,NY
o2,c2,2024-01-06T11:00:00Z,110,web,completed,NY
o3,c1,2024-02-07T12:00:00Z,100,app,completed,NY
o4,c3,2024-02-08T13:00:00Z,15,store,completed,CA
o5,c4,2024-03-09T14:00:00Z,125,web,completed,CA
o6,c5,2024-03-10T15:00:00Z,110,web,completed,TX
o7,c3,2024-03-11T16:00:00Z,15,web,completed,CA
o8,c2,2024-03-12T17:00:00Z,999,web,cancelled,NY
`;
const ITEMS = `order_id,line_no,product_id,quantity,unit_price,line_total
o1,1,P1,1,100,100
o1,2,P2,1,10,10
o2,1,P1,1,100,100
o2,2,P2,1,10,10
o3,1,P1,1,100,100
o4,1,P3,1,15,15
o5,1,P1,1,100,100
o5,2,P2,1,10,10
o5,3,P3,1,15,15
o6,1,P1,1,100,100
o6,2,P2,1,10,10
o7,1,P3,1,15,15
o8,1,P2,1,999,999
`;
const ev = (o: Record<string, unknown>) => JSON.stringify(o);
const EVENTS = [
  // u1 converts within the hour, on mobile.
  ev({
    type: 'track',
    event: 'Product Viewed',
    properties: { product_id: 'P1', category: 'Outdoor' },
    userId: 'c1',
    timestamp: '2024-01-05T09:00:00Z',
    context: { device: { type: 'mobile' } },
  }),
  ev({
    type: 'track',
    event: 'Product Added',
    userId: 'c1',
    timestamp: '2024-01-05T09:10:00Z',
    context: { device: { type: 'mobile' } },
  }),
  ev({
    type: 'track',
    event: 'Order Completed',
    userId: 'c1',
    timestamp: '2024-01-05T10:00:00Z',
    context: { device: { type: 'mobile' } },
  }),
  // c2 adds to cart and leaves, on desktop.
  ev({
    type: 'track',
    event: 'Product Viewed',
    properties: { product_id: 'P3', category: 'Books' },
    userId: 'c2',
    timestamp: '2024-01-06T09:00:00Z',
    context: { device: { type: 'desktop' } },
  }),
  ev({
    type: 'track',
    event: 'Product Added',
    userId: 'c2',
    timestamp: '2024-01-06T09:30:00Z',
    context: { device: { type: 'desktop' } },
  }),
  // An anonymous visitor from a campaign identifies as c3 and buys ten days later: outside a 7-day window.
  ev({
    type: 'page',
    anonymousId: 'a3',
    timestamp: '2024-02-01T08:00:00Z',
    context: { campaign: { source: 'google', medium: 'cpc' } },
  }),
  ev({ type: 'track', event: 'Product Viewed', anonymousId: 'a3', timestamp: '2024-02-01T08:05:00Z' }),
  ev({ type: 'identify', userId: 'c3', anonymousId: 'a3', timestamp: '2024-02-01T08:06:00Z' }),
  ev({ type: 'track', event: 'Order Completed', userId: 'c3', timestamp: '2024-02-11T08:00:00Z' }),
  // c5 only browses.
  ev({ type: 'page', userId: 'c5', timestamp: '2024-03-01T08:00:00Z' }),
].join('\n');

/** Writes the tiny shop into `dir` and imports it into `into`, or a fresh warehouse there. */
export async function tinyShop(dir: string, into?: Warehouse): Promise<Warehouse> {
  const files: [string, string, 'products' | 'customers' | 'orders' | 'order_items' | 'events'][] = [
    ['products.csv', PRODUCTS, 'products'],
    ['customers.csv', CUSTOMERS, 'customers'],
    ['orders.csv', ORDERS, 'orders'],
    ['order_items.csv', ITEMS, 'order_items'],
    ['events.jsonl', `${EVENTS}\n`, 'events'],
  ];
  const db = into ?? (await openWarehouse(join(dir, 'shop.duckdb')));
  for (const [name, text, kind] of files) {
    await writeFile(join(dir, name), text);
    const summary = await importFile(db, join(dir, name), { kind });
    if (summary.rejected > 0) throw new Error(`${name}: ${summary.rejected} rows rejected`);
  }
  return db;
}

/** Every number in `value` (recursively), to check that none is NaN or infinite. */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}
