/**
 * How long after the event (or the sale) money is held, as a seller reads it: "48 hours after
 * the event", "18 seconds after the event" (tests hold for seconds). The unit is the largest one
 * that divides the hold exactly, so 90 minutes stays "90 minutes" rather than "1.5 hours".
 */
export function holdWords(holdMs: number, after: 'event' | 'sale'): string {
  const what = after === 'event' ? 'the event' : 'the sale';
  if (!(holdMs > 0)) return after === 'event' ? 'when the event starts' : 'right after the sale';
  const units: [number, string][] = [[3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, unit] of units) {
    if (holdMs % size === 0 || size === 1000) {
      const count = Math.max(1, Math.round(holdMs / size));
      return `${count} ${unit}${count === 1 ? '' : 's'} after ${what}`;
    }
  }
  return `after ${what}`;
}
