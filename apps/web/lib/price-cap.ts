// The resale cap (issue 15): price ≤ faceValue × ratio, the ratio per country of the event.
// The tickets service decides; the web client only shows the rule in advance, read from the same
// RESALE_PRICE_CAPS setting (and default) so the hint matches what the API will enforce.

export interface PriceCaps {
  /** Ratio for a country without its own entry, and for a listing without an event. */
  defaultRatio: number;
  byCountry: Record<string, number>;
}

export const DEFAULT_RESALE_PRICE_CAPS = 'default=1.2,FR=1.0,BE=1.0,PT=1.0,NO=1.0,IE=1.0';

/** Parses `default=1.2,FR=1.0`; entries that do not parse are skipped (the API owns validation). */
export function parsePriceCaps(raw: string | undefined): PriceCaps {
  const caps: PriceCaps = { defaultRatio: 1.2, byCountry: {} };
  for (const pair of (raw?.trim() ? raw : DEFAULT_RESALE_PRICE_CAPS).split(',')) {
    const [key, value] = pair.split('=').map((part) => part?.trim());
    const ratio = Number(value);
    if (!key || !value || !Number.isFinite(ratio) || ratio <= 0) continue;
    if (key.toLowerCase() === 'default') caps.defaultRatio = ratio;
    else caps.byCountry[key.toUpperCase()] = ratio;
  }
  return caps;
}

/** 120 for a ratio of 1.2: the unit the API records on a ticket as `capPercent`. */
export function capPercentFor(caps: PriceCaps, country: string | undefined): number {
  const ratio = (country && caps.byCountry[country.toUpperCase()]) || caps.defaultRatio;
  return Math.round(ratio * 100);
}

/** The highest price allowed for a face value, rounded down to a whole cent. */
export function maxPriceFor(faceValue: number, capPercent: number): number {
  // Integer cents first, so 19.99 × 120 % does not round up past the cap through float error.
  const cents = Math.round(faceValue * 100);
  return Math.floor((cents * capPercent) / 100) / 100;
}

/** The badge on a capped listing: "≤ 120 % of face value". */
export function capBadgeText(capPercent: number): string {
  return `≤ ${capPercent} % of face value`;
}
