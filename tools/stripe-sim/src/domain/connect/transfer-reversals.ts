// Reversals of a transfer: money back from the connected account to the platform, all that is left
// by default or `amount` of it. The connected account's balance must cover it (after a payout to
// the seller's bank it may not: balance_insufficient, as at Stripe).
import type Stripe from 'stripe';
import { formatAmount } from '../../api/currencies';
import { invalidParam, resourceMissing, stateError } from '../../api/errors';
import { metadataParam } from '../../api/metadata';
import { optionalBoolean, optionalInteger, optionalString, rejectUnknown } from '../../api/params';
import type { HandlerContext } from '../context';
import { assertExpandable, expanded } from '../expand';
import { newId } from '../ids';
import { connectedBalance } from './balances';
import { transferView } from './transfer-object';
import { findTransfer } from './transfers';

const CREATE_PARAMS = ['amount', 'description', 'metadata', 'refund_application_fee', 'expand'] as const;
const EXPANDABLE = ['transfer'] as const;

export function createTransferReversal(context: HandlerContext): object {
  const { params, store } = context;
  rejectUnknown(params, CREATE_PARAMS);
  assertExpandable(context, EXPANDABLE);
  const requested = optionalInteger(params, 'amount');
  if (requested !== undefined && requested < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.');
  optionalBoolean(params, 'refund_application_fee');
  optionalString(params, 'description');
  const metadata = metadataParam(params);
  const transfer = findTransfer(context);
  const money = (value: number) => formatAmount(value, transfer.currency);
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining === 0) throw stateError(`Transfer ${transfer.id} has already been fully reversed.`);
  const amount = requested ?? remaining;
  if (amount > remaining) {
    throw stateError(`Reversal amount (${money(amount)}) is greater than the amount of transfer ${transfer.id} not yet reversed (${money(remaining)}).`, undefined, { param: 'amount' });
  }
  const account = transfer.destination as string;
  const available = connectedBalance(store, account).get(transfer.currency) ?? 0;
  if (available < amount) {
    throw stateError(
      `Insufficient funds in the connected account ${account}: its available balance (${money(available)}) cannot cover a reversal of ${money(amount)}.`,
      'balance_insufficient',
    );
  }
  const reversal: Stripe.TransferReversal = {
    id: newId('trr'),
    object: 'transfer_reversal',
    amount,
    balance_transaction: newId('txn'),
    created: context.nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: newId('pyr'),
    metadata,
    source_refund: null,
    transfer: transfer.id,
  };
  store.transferReversals.set(reversal.id, reversal);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(structuredClone(reversal));
  (transfer.reversals as { total_count?: number }).total_count = transfer.reversals.data.length;
  context.emit('transfer.reversed', transferView(transfer), { account });
  return expanded(context, reversal);
}

export function retrieveTransferReversal(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  assertExpandable(context, EXPANDABLE);
  const transfer = findTransfer(context, context.path.transfer);
  const reversal = context.store.transferReversals.get(context.path.id);
  if (!reversal || reversal.transfer !== transfer.id) throw resourceMissing(`No such transfer_reversal: '${context.path.id}'`, 'id', 404);
  return expanded(context, reversal);
}
