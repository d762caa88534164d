import { type Speaker, speaker } from '../i18n/index.js';
import type { Warehouse } from '../store/index.js';

/** Every currency the orders carry (ISO 4217 codes), the most common first. */
export async function orderCurrencies(db: Warehouse): Promise<{ code: string; orders: number }[]> {
  // A constant statement: no value goes into it.
  return db.all<{ code: string; orders: number }>(
    `SELECT upper(trim(currency)) AS code, CAST(count(*) AS INTEGER) AS orders FROM orders
     WHERE currency IS NOT NULL AND length(trim(currency)) = 3 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
  );
}

/** The shop's currency: the orders' most common, USD without orders (what GET /v1/locale answers). */
export async function shopCurrency(db: Warehouse): Promise<string> {
  return (await orderCurrencies(db))[0]?.code ?? 'USD';
}

/** `s` speaking money in the shop's currency: itself when it has a currency already. */
export async function withShopCurrency(db: Warehouse, s: Speaker): Promise<Speaker> {
  return s.currency ? s : speaker(s.locale, await shopCurrency(db));
}
