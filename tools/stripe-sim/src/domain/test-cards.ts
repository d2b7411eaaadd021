// Stripe's test payment methods (`pm_card_<name>`) and tokens (`tok_<name>`), with the outcome each
// produces. The decline names exist with and without the `visa_` infix, as in Stripe's docs.

export interface Decline {
  code: string;
  declineCode: string;
  message: string;
}

export interface TestCard {
  brand: 'visa' | 'mastercard' | 'amex';
  last4: string;
  decline?: Decline;
}

const declined = (declineCode: string, message = 'Your card was declined.', code = 'card_declined'): Decline => ({
  code,
  declineCode,
  message,
});

const CARDS: Record<string, TestCard> = {
  visa: { brand: 'visa', last4: '4242' },
  visa_debit: { brand: 'visa', last4: '5556' },
  mastercard: { brand: 'mastercard', last4: '4444' },
  amex: { brand: 'amex', last4: '8431' },
  chargeDeclined: { brand: 'visa', last4: '0002', decline: declined('generic_decline') },
  chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    decline: declined('insufficient_funds', 'Your card has insufficient funds.'),
  },
  chargeDeclinedLostCard: { brand: 'visa', last4: '9987', decline: declined('lost_card') },
  chargeDeclinedStolenCard: { brand: 'visa', last4: '9979', decline: declined('stolen_card') },
  chargeDeclinedFraudulent: { brand: 'visa', last4: '0019', decline: declined('fraudulent') },
  chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    decline: declined('expired_card', 'Your card has expired.', 'expired_card'),
  },
  chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    decline: declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'),
  },
  chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    decline: declined('processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'processing_error'),
  },
};

function lookup(name: string): TestCard | undefined {
  if (Object.hasOwn(CARDS, name)) return CARDS[name];
  const withoutVisa = name.startsWith('visa_') ? name.slice('visa_'.length) : undefined;
  return withoutVisa && Object.hasOwn(CARDS, withoutVisa) ? CARDS[withoutVisa] : undefined;
}

/** `pm_card_visa` → the Visa test card; anything else → undefined. */
export function testPaymentMethod(id: string): TestCard | undefined {
  return id.startsWith('pm_card_') ? lookup(id.slice('pm_card_'.length)) : undefined;
}

/** `tok_visa` → the Visa test card; anything else → undefined. */
export function testToken(id: string): TestCard | undefined {
  return id.startsWith('tok_') ? lookup(id.slice('tok_'.length)) : undefined;
}
