// The platform's fee on a sale, in integer minor units, rounded half up (docs/payouts.md):
// fee = floor((gross × basisPoints + 5000) / 10000), the percent given to two decimals and scaled
// to basis points (5 % → 500), which is floor((gross × percent + 50) / 100) for a whole percent.
// Written once when the sale is booked, never recomputed.

/** 5 → 500, 2.5 → 250; the config already refused more than two decimals. */
export function feeBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

export interface Split {
  fee: number;
  net: number;
}

export function splitGross(grossCents: number, basisPoints: number): Split {
  if (!Number.isInteger(grossCents) || grossCents < 0) throw new Error(`gross must be whole minor units, got ${grossCents}`);
  const fee = Math.floor((grossCents * basisPoints + 5000) / 10000);
  return { fee, net: grossCents - fee };
}
