// Money crosses the service as major units (events, JSON) and is stored as integer minor units.
export function toCents(price: number): number {
  return Math.round(price * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}
