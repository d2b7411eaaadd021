// Resale price caps (docs/events-and-price-caps.md): price ≤ faceValue × cap, the cap per country
// of the event (or the default for a listing without one). Caps are integer percents (1.2 → 120)
// so the check is exact in integer minor units: priceCents × 100 ≤ faceValueCents × capPercent.
import { fromCents } from './money';

export interface PriceCaps {
  defaultPercent: number;
  /** Upper-case ISO 3166-1 alpha-2 country → percent. */
  byCountry: Record<string, number>;
}

/** TicketSwap's rule: 120 % of face value, 100 % where the law or the market says so. */
export const DEFAULT_RESALE_PRICE_CAPS = 'default=1.2,FR=1.0,BE=1.0,PT=1.0,NO=1.0,IE=1.0';

// A ratio with at most 2 decimals is a whole percent; 10× face value is already no cap at all.
const ratioPattern = /^\d+(\.\d{1,2})?$/;
const MAX_PERCENT = 1000;

/** Parses `default=1.2,FR=1.0,…`; returns the reason when the text is not such a list. */
export function parsePriceCaps(text: string): { caps: PriceCaps } | { error: string } {
  const byCountry: Record<string, number> = {};
  let defaultPercent: number | undefined;
  for (const rawEntry of text.split(',')) {
    const entry = rawEntry.trim();
    const [key, ratio, ...rest] = entry.split('=').map((part) => part.trim());
    if (!key || ratio === undefined || rest.length) return { error: `"${entry}" is not a COUNTRY=ratio or default=ratio pair` };
    if (!ratioPattern.test(ratio)) return { error: `"${ratio}" (for ${key}) is not a ratio like 1.2 (at most 2 decimals)` };
    const percent = Math.round(Number(ratio) * 100);
    if (percent <= 0 || percent > MAX_PERCENT) return { error: `the cap for ${key} must be above 0 and at most 10` };
    if (key.toLowerCase() === 'default') {
      if (defaultPercent !== undefined) return { error: 'default is given twice' };
      defaultPercent = percent;
      continue;
    }
    if (!/^[A-Za-z]{2}$/.test(key)) return { error: `"${key}" is not a two-letter country code (ISO 3166-1 alpha-2) or default` };
    const country = key.toUpperCase();
    if (country in byCountry) return { error: `${country} is given twice` };
    byCountry[country] = percent;
  }
  if (defaultPercent === undefined) return { error: 'a default=ratio pair is required (the cap of listings without an event)' };
  return { caps: { defaultPercent, byCountry } };
}

/** The cap in force for an event in `country` (none: a listing without an event). */
export function capPercentFor(caps: PriceCaps, country?: string): number {
  return (country !== undefined ? caps.byCountry[country.toUpperCase()] : undefined) ?? caps.defaultPercent;
}

/** The highest price the cap allows, in minor units (rounded down: never above the cap). */
export function highestAllowedCents(faceValueCents: number, capPercent: number): number {
  return Math.floor((faceValueCents * capPercent) / 100);
}

/** Why the price breaks the cap (the message of a 400 on price), or null when it does not. */
export function capViolation(priceCents: number, faceValueCents: number, capPercent: number): string | null {
  if (priceCents * 100 <= faceValueCents * capPercent) return null;
  const highest = fromCents(highestAllowedCents(faceValueCents, capPercent)).toFixed(2);
  return `price must be at most ${capPercent}% of the face value (at most ${highest})`;
}
