const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** 12.5 → "$12.50" */
export function formatPrice(price: number): string {
  return usd.format(price);
}

/**
 * "Sat, Jun 12, 2027, 8:00 PM UTC": the zone is always named, because the page may be rendered
 * on a server in another zone than the visitor's. `timeZone` is for tests; pages use the default.
 */
export function formatEventDate(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short', year: 'numeric', month: 'short', day: 'numeric',
    hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone,
  }).format(date);
}

/** "1 ticket available", "3 tickets available", "No tickets yet". */
export function formatAvailability(count: number): string {
  if (count === 0) return 'No tickets yet';
  return `${count} ${count === 1 ? 'ticket' : 'tickets'} available`;
}

/**
 * 12.5, 'usd' → "$12.50"; the currency of a payout is the charge's. A code Intl does not know
 * still reads sensibly ("12.50 XYZ") instead of throwing while the page renders.
 */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  if (code === 'USD') return usd.format(amount);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${code}`;
  }
}

/**
 * "3 Dec 2026, 20:00 UTC": when money moved, short enough for a sentence. The zone is named for
 * the same reason as in formatEventDate.
 */
export function formatMoment(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    timeZoneName: 'short', timeZone,
  }).format(date);
}
