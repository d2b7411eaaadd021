// Money crosses the API as price units (major units, like `price` everywhere) and is kept as
// integer minor units.
export function fromCents(cents: number): number {
  return cents / 100;
}

export function toCents(price: number): number {
  return Math.round(price * 100);
}
