/**
 * Everything shared by all customers of one run, built once from the options: the window, catalog,
 * name pools, one seasonal clock per group, the acquisition calendar and the message calendar.
 * Building it is deterministic, so worker threads can each build their own copy.
 */
import { acquisitionDays, makeWindow, SeasonalClock, type TimeWindow } from './calendar.js';
import { type MessageCampaign, messageCalendar } from './campaigns.js';
import { buildCatalog, type Catalog } from './catalog.js';
import { GROUP_IDS, GROUPS, type GroupSpec } from './groups.js';
import { buildPools, type Pools } from './pools.js';
import type { Categorical } from './samplers.js';

/** What the generator needs to know to build the world. */
export interface WorldOptions {
  readonly customers: number;
  readonly seed: number;
  readonly start: string;
  readonly end: string;
}

/** The shared context of one run. */
export interface World {
  readonly options: WorldOptions;
  readonly seed: number;
  readonly window: TimeWindow;
  readonly catalog: Catalog;
  readonly pools: Pools;
  readonly groups: readonly GroupSpec[];
  readonly clocks: readonly SeasonalClock[];
  readonly acquisitionDays: Categorical<number>;
  readonly calendar: readonly MessageCampaign[];
}

/** The world of a run. */
export function buildWorld(options: WorldOptions): World {
  const window = makeWindow(options.start, options.end);
  const groups = GROUP_IDS.map((id) => GROUPS[id]);
  return {
    options,
    seed: options.seed >>> 0,
    window,
    catalog: buildCatalog(options.seed, window),
    pools: buildPools(options.seed),
    groups,
    clocks: groups.map((g) => new SeasonalClock(window, g.hours, g.weekdays)),
    acquisitionDays: acquisitionDays(window),
    calendar: messageCalendar(window),
  };
}
