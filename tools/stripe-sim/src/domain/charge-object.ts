// The Charge a confirmation creates: succeeded for a good card, failed (with the decline's
// failure_code/outcome) for a declining one. It copies the PaymentIntent's metadata, as Stripe does.
import type Stripe from 'stripe';
import { newId, randomToken } from './ids';
import type { SimPaymentMethod } from './store';
import type { Decline } from './test-cards';

export function chargeFor(intent: Stripe.PaymentIntent, paymentMethod: SimPaymentMethod, created: number): Stripe.Charge {
  const decline = paymentMethod.card.decline;
  const succeeded = !decline;
  return {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: succeeded ? newId('txn') : null,
    billing_details: paymentMethod.object.billing_details,
    calculated_statement_descriptor: 'STRIPE SIMULATOR',
    captured: succeeded,
    created,
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: decline ? declinedOutcome(decline) : approvedOutcome(),
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: paymentMethod.object.id,
    payment_method_details: { card: cardDetails(paymentMethod, intent.amount, succeeded), type: 'card' },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: succeeded ? `https://pay.stripe.com/receipts/payment/${randomToken(40)}` : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: intent.transfer_group,
  };
}

function approvedOutcome(): Stripe.Charge.Outcome {
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    risk_score: 20,
    seller_message: 'Payment complete.',
    type: 'authorized',
  };
}

function declinedOutcome(decline: Decline): Stripe.Charge.Outcome {
  const generic = decline.declineCode === 'generic_decline';
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'declined_by_network',
    reason: decline.declineCode,
    risk_level: 'normal',
    risk_score: 20,
    seller_message: generic
      ? 'The bank did not return any further details with this decline.'
      : `The bank returned the decline code \`${decline.declineCode}\`.`,
    type: 'issuer_declined',
  };
}

function cardDetails(paymentMethod: SimPaymentMethod, amount: number, succeeded: boolean): Stripe.Charge.PaymentMethodDetails.Card {
  const card = paymentMethod.object.card!;
  return {
    amount_authorized: succeeded ? amount : null,
    authorization_code: succeeded ? randomToken(6).toUpperCase() : null,
    brand: card.brand,
    checks: card.checks,
    country: card.country,
    electronic_commerce_indicator: null,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding,
    installments: null,
    last4: card.last4,
    mandate: null,
    network: card.brand,
    network_transaction_id: succeeded ? randomToken(15) : null,
    regulated_status: card.regulated_status,
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  };
}
