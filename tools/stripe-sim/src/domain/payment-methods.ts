// Turning `payment_method` / `payment_method_data` into a stored PaymentMethod. Like Stripe, a
// magic id such as `pm_card_visa` creates a fresh `pm_…` each time, and a token (`tok_visa`) is
// only accepted through `payment_method_data[card][token]`, never as `payment_method`.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { invalidParam, resourceMissing } from '../api/errors';
import { optionalObject, optionalString, rejectUnknown } from '../api/params';
import type { FormObject } from '../server/form-params';
import type { HandlerContext } from './context';
import { newId } from './ids';
import type { SimPaymentMethod } from './store';
import { testPaymentMethod, testToken, type TestCard } from './test-cards';

/** The PaymentMethod named by the request, or undefined when it names none. */
export function paymentMethodFromParams(context: HandlerContext): SimPaymentMethod | undefined {
  const { params } = context;
  if (params.payment_method !== undefined && params.payment_method_data !== undefined) {
    throw invalidParam('payment_method_data', 'You may only specify one of these parameters: payment_method, payment_method_data.');
  }
  const id = optionalString(params, 'payment_method');
  if (id) return byId(context, id);
  const data = optionalObject(params, 'payment_method_data');
  return data ? fromToken(context, tokenFromData(data)) : undefined;
}

function byId(context: HandlerContext, id: string): SimPaymentMethod {
  if (id.startsWith('tok_')) {
    throw invalidParam(
      'payment_method',
      `A token may not be passed in as a PaymentMethod. Instead, use payment_method_data with type=card and card[token]=${id}.`,
    );
  }
  const magic = testPaymentMethod(id);
  if (magic) return create(context, magic);
  const stored = context.store.paymentMethods.get(id);
  if (!stored) throw resourceMissing(`No such PaymentMethod: '${id}'`, 'payment_method', 400);
  return stored;
}

function tokenFromData(data: FormObject): string {
  rejectUnknown(data, ['type', 'card'], 'payment_method_data');
  const type = optionalString(data, 'type');
  if (!type) throw invalidParam('payment_method_data[type]', 'Missing required param: payment_method_data[type].', 'parameter_missing');
  if (type !== 'card') {
    throw invalidParam('payment_method_data[type]', `The simulator supports only payment_method_data[type]=card, not ${type}.`);
  }
  const card = optionalObject(data, 'card') ?? {};
  rejectUnknown(card, ['token'], 'payment_method_data[card]');
  const token = optionalString(card, 'token');
  if (!token) throw invalidParam('payment_method_data[card][token]', 'Missing required param: payment_method_data[card][token].', 'parameter_missing');
  return token;
}

function fromToken(context: HandlerContext, token: string): SimPaymentMethod {
  const card = testToken(token);
  if (!card) throw resourceMissing(`No such token: '${token}'`, 'payment_method_data[card][token]', 400);
  return create(context, card);
}

function create(context: HandlerContext, card: TestCard): SimPaymentMethod {
  const paymentMethod: SimPaymentMethod = { object: paymentMethodObject(card, context.nowSeconds()), card };
  context.store.paymentMethods.set(paymentMethod.object.id, paymentMethod);
  return paymentMethod;
}

function paymentMethodObject(card: TestCard, created: number): Stripe.PaymentMethod {
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null },
    card: cardDetails(card, created),
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

function cardDetails(card: TestCard, created: number): Stripe.PaymentMethod.Card {
  return {
    brand: card.brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
    country: 'US',
    display_brand: card.brand === 'amex' ? 'american_express' : card.brand,
    exp_month: 12,
    exp_year: new Date(created * 1000).getUTCFullYear() + 1,
    fingerprint: fingerprint(card),
    funding: 'credit',
    generated_from: null,
    last4: card.last4,
    networks: { available: [card.brand], preferred: null },
    regulated_status: 'unregulated',
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}

export function emptyAddress(): Stripe.Address {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

/** Same card number, same fingerprint — as on Stripe within one account. */
function fingerprint(card: TestCard): string {
  return createHash('sha256').update(`${card.brand}:${card.last4}`).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}
