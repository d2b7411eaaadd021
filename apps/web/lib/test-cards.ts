// The deployment's Stripe is a local simulator: it knows Stripe's test PaymentMethod ids,
// so the form maps Stripe's documented test card numbers onto them instead of loading Stripe.js.

export interface TestCard {
  number: string;
  token: string;
  outcome: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242 4242 4242 4242', token: 'pm_card_visa', outcome: 'Payment succeeds' },
  { number: '4000 0000 0000 0002', token: 'pm_card_chargeDeclined', outcome: 'Card is declined' },
  {
    number: '4000 0000 0000 9995',
    token: 'pm_card_chargeDeclinedInsufficientFunds',
    outcome: 'Declined: insufficient funds',
  },
];

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

/** The simulator token for a typed card number, or null when it is not a listed test card. */
export function tokenForCard(cardNumber: string): string | null {
  const digits = digitsOnly(cardNumber);
  return TEST_CARDS.find((c) => digitsOnly(c.number) === digits)?.token ?? null;
}
