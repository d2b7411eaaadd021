// Refunds of a succeeded PaymentIntent's charge: full by default, partial with `amount`, never
// more than what remains (Stripe's charge_already_refunded / amount_too_large).
import type Stripe from 'stripe';
import { formatAmount } from '../api/currencies';
import { invalidParam, resourceMissing, stateError } from '../api/errors';
import { metadataParam } from '../api/metadata';
import { optionalEnum, optionalInteger, optionalString, rejectUnknown } from '../api/params';
import type { HandlerContext } from './context';
import { assertExpandable, expanded } from './expand';
import { newId } from './ids';

const CREATE_PARAMS = ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand'] as const;
const EXPANDABLE = ['charge', 'payment_intent'] as const;
const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export function createRefund(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, CREATE_PARAMS);
  assertExpandable(context, EXPANDABLE);
  const amount = optionalInteger(params, 'amount');
  if (amount !== undefined && amount <= 0) throw invalidParam('amount', `Invalid positive integer: ${amount}`);
  const reason = optionalEnum(params, 'reason', REASONS) ?? null;
  const metadata = metadataParam(params);
  const charge = chargeToRefund(context);
  const refundAmount = checkedAmount(charge, amount);
  const refund = refundObject(context, charge, { amount: refundAmount, reason, metadata });
  context.store.refunds.set(refund.id, refund);
  charge.amount_refunded += refundAmount;
  charge.refunded = charge.amount_refunded === charge.amount;
  context.emit('refund.created', refund);
  context.emit('charge.refunded', charge);
  return expanded(context, refund);
}

export function retrieveRefund(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  assertExpandable(context, EXPANDABLE);
  const refund = context.store.refunds.get(context.path.id);
  if (!refund) throw resourceMissing(`No such refund: '${context.path.id}'`, 'id', 404);
  return expanded(context, refund);
}

function chargeToRefund(context: HandlerContext): Stripe.Charge {
  const intentId = optionalString(context.params, 'payment_intent');
  const chargeId = optionalString(context.params, 'charge');
  if (!intentId && !chargeId) {
    throw invalidParam('payment_intent', 'One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing');
  }
  const charge = chargeId ? chargeById(context, chargeId) : chargeOfIntent(context, intentId!);
  if (intentId && charge.payment_intent !== intentId) {
    throw invalidParam('charge', `The charge ${charge.id} does not belong to the PaymentIntent ${intentId}.`);
  }
  return charge;
}

function chargeById(context: HandlerContext, id: string): Stripe.Charge {
  const charge = context.store.charges.get(id);
  if (!charge) throw resourceMissing(`No such charge: '${id}'`, 'charge', 400);
  if (charge.status !== 'succeeded') throw stateError(`Charge ${id} has not succeeded and cannot be refunded.`, undefined, { param: 'charge' });
  return charge;
}

function chargeOfIntent(context: HandlerContext, id: string): Stripe.Charge {
  const intent = context.store.paymentIntents.get(id);
  if (!intent) throw resourceMissing(`No such payment_intent: '${id}'`, 'payment_intent', 400);
  const charge = typeof intent.latest_charge === 'string' ? context.store.charges.get(intent.latest_charge) : undefined;
  if (intent.status !== 'succeeded' || charge?.status !== 'succeeded') {
    throw stateError(`This PaymentIntent (${id}) does not have a successful charge to refund.`, undefined, { param: 'payment_intent' });
  }
  return charge;
}

function checkedAmount(charge: Stripe.Charge, requested: number | undefined): number {
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0) throw stateError(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
  if (requested === undefined) return remaining;
  const money = (amount: number) => formatAmount(amount, charge.currency);
  if (requested > charge.amount) {
    throw stateError(`Refund amount (${money(requested)}) is greater than charge amount (${money(charge.amount)})`, 'amount_too_large', { param: 'amount' });
  }
  if (requested > remaining) {
    throw stateError(
      `Refund amount (${money(requested)}) is greater than unrefunded amount on charge (${money(remaining)})`,
      'amount_too_large',
      { param: 'amount' },
    );
  }
  return requested;
}

interface RefundInit {
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}

function refundObject(context: HandlerContext, charge: Stripe.Charge, init: RefundInit): Stripe.Refund {
  return {
    id: newId('re'),
    object: 'refund',
    amount: init.amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: context.nowSeconds(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: init.metadata,
    payment_intent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason: init.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
