// Transfers (Connect's separate charges and transfers): money from the platform's balance — or from
// one succeeded charge, with `source_transaction` — to a connected account whose `transfers`
// capability is active. Errors as Stripe's: an unknown destination, a destination not onboarded,
// too little platform balance (balance_insufficient), a source charge that has not succeeded or
// has less left than asked.
import type Stripe from 'stripe';
import { currencyRule, formatAmount, supportedCurrencies } from '../../api/currencies';
import { invalidParam, resourceMissing, stateError } from '../../api/errors';
import { metadataParam } from '../../api/metadata';
import { optionalEnum, optionalString, rejectUnknown, requiredInteger, requiredString } from '../../api/params';
import type { HandlerContext } from '../context';
import { assertExpandable, expanded } from '../expand';
import { newId } from '../ids';
import { platformBalance } from './balances';
import { emptyReversals, transferView } from './transfer-object';

const CREATE_PARAMS = [
  'amount', 'currency', 'destination', 'transfer_group', 'source_transaction', 'source_type', 'description', 'metadata', 'expand',
] as const;
const EXPANDABLE = ['destination', 'source_transaction'] as const;
/** Any one of them lets an account receive transfers (Stripe's list, in its message). */
const TRANSFER_CAPABILITIES = ['transfers', 'crypto_transfers', 'legacy_payments'] as const;

const INSUFFICIENT_PLATFORM_FUNDS =
  'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance';

export function createTransfer(context: HandlerContext): object {
  const { params, store } = context;
  rejectUnknown(params, CREATE_PARAMS);
  assertExpandable(context, EXPANDABLE);
  const amount = positiveAmount(params);
  const currency = currencyParam(params);
  optionalEnum(params, 'source_type', ['card', 'bank_account', 'fpx'] as const);
  const metadata = metadataParam(params);
  const description = optionalString(params, 'description') ?? null;
  const transferGroup = optionalString(params, 'transfer_group') || null;
  const destination = destinationAccount(context);
  const sourceId = optionalString(params, 'source_transaction');
  if (sourceId) checkSource(context, sourceId, amount, currency);
  else if ((platformBalance(store).get(currency) ?? 0) < amount) throw stateError(INSUFFICIENT_PLATFORM_FUNDS, 'balance_insufficient');
  const id = newId('tr');
  const transfer: Stripe.Transfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    balance_transaction: newId('txn'),
    created: context.nowSeconds(),
    currency,
    description,
    destination: destination.id,
    destination_payment: newId('py'),
    livemode: false,
    metadata,
    reversals: emptyReversals(id),
    reversed: false,
    source_transaction: sourceId ?? null,
    source_type: 'card',
    transfer_group: transferGroup,
  };
  store.transfers.set(id, transfer);
  context.emit('transfer.created', transferView(transfer), { account: destination.id });
  return expanded(context, transferView(transfer));
}

export function retrieveTransfer(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  assertExpandable(context, EXPANDABLE);
  return expanded(context, transferView(findTransfer(context)));
}

export function updateTransfer(context: HandlerContext): object {
  rejectUnknown(context.params, ['description', 'metadata', 'expand']);
  assertExpandable(context, EXPANDABLE);
  const transfer = findTransfer(context);
  const previous: Record<string, unknown> = {};
  const description = optionalString(context.params, 'description');
  if (description !== undefined && description !== transfer.description) {
    previous.description = transfer.description;
    transfer.description = description === '' ? null : description;
  }
  const metadata = metadataParam(context.params, transfer.metadata);
  if (JSON.stringify(metadata) !== JSON.stringify(transfer.metadata)) {
    previous.metadata = transfer.metadata;
    transfer.metadata = metadata;
  }
  if (Object.keys(previous).length > 0) {
    context.emit('transfer.updated', transferView(transfer), { account: transfer.destination as string, previousAttributes: previous });
  }
  return expanded(context, transferView(transfer));
}

export function findTransfer(context: HandlerContext, id = context.path.id): Stripe.Transfer {
  const transfer = context.store.transfers.get(id);
  if (!transfer) throw resourceMissing(`No such transfer: '${id}'`, 'id', 404);
  return transfer;
}

function positiveAmount(params: HandlerContext['params']): number {
  const amount = requiredInteger(params, 'amount');
  if (amount < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.');
  return amount;
}

function currencyParam(params: HandlerContext['params']): string {
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!currencyRule(currency)) {
    throw invalidParam('currency', `Invalid currency: ${currency}. The simulator supports these currencies: ${supportedCurrencies().join(', ')}`);
  }
  return currency;
}

function destinationAccount(context: HandlerContext): Stripe.Account {
  const id = requiredString(context.params, 'destination');
  const account = context.store.accounts.get(id);
  if (!account) throw resourceMissing(`No such destination: '${id}'`, 'destination', 400);
  const capabilities = (account.capabilities ?? {}) as Record<string, string | undefined>;
  if (!TRANSFER_CAPABILITIES.some((name) => capabilities[name] === 'active')) {
    throw stateError(
      `Your destination account needs to have at least one of the following capabilities enabled: ${TRANSFER_CAPABILITIES.join(', ')}`,
      'insufficient_capabilities_for_transfer',
      { param: 'destination' },
    );
  }
  return account;
}

/** A transfer funded by a charge takes at most what is left of it: not refunded, not transferred already. */
function checkSource(context: HandlerContext, id: string, amount: number, currency: string): void {
  const charge = context.store.charges.get(id);
  if (!charge) throw resourceMissing(`No such charge: '${id}'`, 'source_transaction', 400);
  if (charge.status !== 'succeeded') {
    throw stateError(`The source_transaction ${id} is a charge that has not succeeded (status: ${charge.status}); only a succeeded charge can fund a transfer.`, undefined, { param: 'source_transaction' });
  }
  if (charge.currency !== currency) {
    throw stateError(`The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency}).`, undefined, { param: 'currency' });
  }
  let transferred = 0;
  for (const transfer of context.store.transfers.values()) {
    if (transfer.source_transaction === id) transferred += transfer.amount - transfer.amount_reversed;
  }
  const remaining = Math.max(0, charge.amount - charge.amount_refunded - transferred);
  if (amount > remaining) {
    const money = (value: number) => formatAmount(value, currency);
    throw stateError(
      `Transfer amount (${money(amount)}) is greater than what remains of the source_transaction ${id} (${money(remaining)}: the charge less its refunds and earlier transfers).`,
      undefined,
      { param: 'amount' },
    );
  }
}
