// GET /api/tickets/price-caps — the resale caps in force, as integer percents ({default: 120,
// countries: {FR: 100, …}}), so a client can show the rule before it lists (the web client's sell
// form). The tickets service alone reads RESALE_PRICE_CAPS; nobody else keeps a copy to drift.
import type { HttpApp } from '@ticketing/common';
import type { PriceCaps } from '../domain/price-caps';

export function registerPriceCaps(app: HttpApp, caps: PriceCaps): void {
  const body = { default: caps.defaultPercent, countries: { ...caps.byCountry } };
  app.get('/api/tickets/price-caps', async () => body);
}
