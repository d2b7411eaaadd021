// The resale cap (issue 15): price ≤ faceValue × cap, the cap per country of the event. The
// tickets service decides and publishes the caps in force (GET /api/tickets/price-caps); the web
// client only shows that rule in advance, so the hint is the rule.

/** As GET /api/tickets/price-caps answers: integer percents (120 = 1.2 × face value). */
export interface PriceCaps {
  /** For a country without its own entry, and for a listing without an event. */
  default: number;
  countries: Record<string, number>;
}

/** 120 for the default 1.2: the unit the API records on a ticket as `capPercent`. */
export function capPercentFor(caps: PriceCaps, country: string | undefined): number {
  return (country ? caps.countries[country.toUpperCase()] : undefined) ?? caps.default;
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
