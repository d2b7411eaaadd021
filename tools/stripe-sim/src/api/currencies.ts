// The currencies the simulator accepts, with Stripe's minimum charge amounts (in the smallest unit)
// so an adapter that sends cents below the minimum fails here as it would on Stripe.

interface CurrencyRule {
  minimum: number;
  symbol: string;
  zeroDecimal?: boolean;
}

const RULES: Record<string, CurrencyRule> = {
  usd: { minimum: 50, symbol: '$' },
  eur: { minimum: 50, symbol: '€' },
  gbp: { minimum: 30, symbol: '£' },
  cad: { minimum: 50, symbol: '$' },
  aud: { minimum: 50, symbol: '$' },
  nzd: { minimum: 50, symbol: '$' },
  sgd: { minimum: 50, symbol: '$' },
  chf: { minimum: 50, symbol: 'CHF ' },
  hkd: { minimum: 400, symbol: '$' },
  mxn: { minimum: 1000, symbol: '$' },
  brl: { minimum: 50, symbol: 'R$' },
  inr: { minimum: 50, symbol: '₹' },
  sek: { minimum: 300, symbol: 'kr ' },
  nok: { minimum: 300, symbol: 'kr ' },
  dkk: { minimum: 250, symbol: 'kr ' },
  pln: { minimum: 200, symbol: 'zł ' },
  czk: { minimum: 1500, symbol: 'Kč ' },
  jpy: { minimum: 50, symbol: '¥', zeroDecimal: true },
};

/** Stripe's ceiling for a card charge: 99,999,999 in the smallest unit. */
export const MAX_AMOUNT = 99_999_999;

export function currencyRule(currency: string): CurrencyRule | undefined {
  return Object.hasOwn(RULES, currency) ? RULES[currency] : undefined;
}

export function supportedCurrencies(): string[] {
  return Object.keys(RULES);
}

/** `formatAmount(50, 'usd')` → "$0.50"; used in Stripe's amount messages. */
export function formatAmount(amount: number, currency: string): string {
  const rule = currencyRule(currency);
  const symbol = rule?.symbol ?? '';
  if (rule?.zeroDecimal) return `${symbol}${amount.toLocaleString('en-US')}`;
  const major = (amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${symbol}${major}`;
}
