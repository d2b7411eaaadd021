// The list and search endpoints of PaymentIntents, Charges and Refunds, and the lists of Connect's
// accounts, transfers and a transfer's reversals, with the filters Stripe documents for each (an
// audit or a reconciler finds objects by them). Newest first.
import type Stripe from 'stripe';
import { rejectUnknown, optionalString } from '../api/params';
import type { HandlerContext } from '../domain/context';
import { findTransfer } from '../domain/connect/transfers';
import { transferView } from '../domain/connect/transfer-object';
import { assertExpandable } from '../domain/expand';
import { createdFilter } from './created-filter';
import { listPage } from './pagination';
import { search, type FieldKind } from './search';

const PAGING = ['limit', 'starting_after', 'ending_before', 'created', 'expand'] as const;

const INTENT_FIELDS: Record<string, FieldKind> = { amount: 'number', created: 'number', currency: 'string', customer: 'string', metadata: 'metadata', status: 'string' };
const CHARGE_FIELDS: Record<string, FieldKind> = {
  amount: 'number', created: 'number', currency: 'string', customer: 'string', metadata: 'metadata', status: 'string',
  payment_intent: 'string', refunded: 'string', disputed: 'string',
};

/** Maps keep insertion order, which is creation order: reversed, newest first. */
function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}

function copies<T>(page: { data: T[] }): typeof page {
  return { ...page, data: page.data.map((item) => structuredClone(item)) };
}

export function listPaymentIntents(context: HandlerContext): object {
  rejectUnknown(context.params, [...PAGING, 'customer']);
  assertExpandable(context, []);
  const created = createdFilter(context.params);
  const customer = optionalString(context.params, 'customer');
  const items = newestFirst(context.store.paymentIntents.values())
    .filter((intent) => created(intent.created) && (customer === undefined || intent.customer === customer));
  return copies(listPage(items, context.params, '/v1/payment_intents', 'payment_intent'));
}

export function listCharges(context: HandlerContext): object {
  rejectUnknown(context.params, [...PAGING, 'customer', 'payment_intent', 'transfer_group']);
  assertExpandable(context, []);
  const created = createdFilter(context.params);
  const intent = optionalString(context.params, 'payment_intent');
  const customer = optionalString(context.params, 'customer');
  const group = optionalString(context.params, 'transfer_group');
  const items = newestFirst(context.store.charges.values()).filter((charge: Stripe.Charge) =>
    created(charge.created) && (intent === undefined || charge.payment_intent === intent) && (customer === undefined || charge.customer === customer)
    && (group === undefined || charge.transfer_group === group));
  return copies(listPage(items, context.params, '/v1/charges', 'charge'));
}

export function listRefunds(context: HandlerContext): object {
  rejectUnknown(context.params, [...PAGING, 'charge', 'payment_intent']);
  assertExpandable(context, []);
  const created = createdFilter(context.params);
  const charge = optionalString(context.params, 'charge');
  const intent = optionalString(context.params, 'payment_intent');
  const items = newestFirst(context.store.refunds.values()).filter((refund) =>
    created(refund.created) && (charge === undefined || refund.charge === charge) && (intent === undefined || refund.payment_intent === intent));
  return copies(listPage(items, context.params, '/v1/refunds', 'refund'));
}

export function listAccounts(context: HandlerContext): object {
  rejectUnknown(context.params, PAGING);
  assertExpandable(context, []);
  const created = createdFilter(context.params);
  const items = newestFirst(context.store.accounts.values()).filter((account) => created(account.created ?? 0));
  return copies(listPage(items, context.params, '/v1/accounts', 'account'));
}

export function listTransfers(context: HandlerContext): object {
  rejectUnknown(context.params, [...PAGING, 'destination', 'transfer_group']);
  assertExpandable(context, []);
  const created = createdFilter(context.params);
  const destination = optionalString(context.params, 'destination');
  const group = optionalString(context.params, 'transfer_group');
  const items = newestFirst(context.store.transfers.values()).filter((transfer) =>
    created(transfer.created) && (destination === undefined || transfer.destination === destination) && (group === undefined || transfer.transfer_group === group));
  const page = listPage(items, context.params, '/v1/transfers', 'transfer');
  return { ...page, data: page.data.map(transferView) };
}

export function listTransferReversals(context: HandlerContext): object {
  rejectUnknown(context.params, ['limit', 'starting_after', 'ending_before', 'expand']);
  assertExpandable(context, []);
  const transfer = findTransfer(context);
  return copies(listPage(transfer.reversals.data, context.params, transfer.reversals.url, 'transfer_reversal'));
}

export function searchPaymentIntents(context: HandlerContext): object {
  assertExpandable(context, []);
  return copies(search(newestFirst(context.store.paymentIntents.values()), context.params, '/v1/payment_intents/search', INTENT_FIELDS));
}

export function searchCharges(context: HandlerContext): object {
  assertExpandable(context, []);
  return copies(search(newestFirst(context.store.charges.values()), context.params, '/v1/charges/search', CHARGE_FIELDS));
}
