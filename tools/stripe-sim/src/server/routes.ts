// The API subset the simulator serves, as a route table.
import type { Handler } from '../domain/context';
import { retrieveCharge } from '../domain/charges';
import { createAccountLink } from '../domain/connect/account-links';
import { createAccount, retrieveAccount, updateAccount } from '../domain/connect/accounts';
import { retrieveBalance } from '../domain/connect/balances';
import { createTransferReversal, retrieveTransferReversal } from '../domain/connect/transfer-reversals';
import { createTransfer, retrieveTransfer, updateTransfer } from '../domain/connect/transfers';
import { retrieveEvent } from '../domain/events';
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent, retrievePaymentIntent } from '../domain/payment-intents';
import { createRefund, retrieveRefund } from '../domain/refunds';
import {
  listAccounts, listCharges, listPaymentIntents, listRefunds, listTransferReversals, listTransfers, searchCharges, searchPaymentIntents,
} from '../listing/list-endpoints';

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
  /** Whether it may act as a connected account (`Stripe-Account` header); the others refuse one. */
  stripeAccount: boolean;
}

export interface RouteMatch {
  handler: Handler;
  path: Record<string, string>;
  stripeAccount: boolean;
}

/** `/v1/payment_intents/:id/confirm` → a pattern capturing `id`. */
function route(method: Route['method'], template: string, handler: Handler, stripeAccount = false): Route {
  const source = template.replace(/:(\w+)/g, '(?<$1>[^/]+)');
  return { method, pattern: new RegExp(`^${source}$`), handler, stripeAccount };
}

const ROUTES: readonly Route[] = [
  route('POST', '/v1/payment_intents', createPaymentIntent),
  // Before `:id`, so `search` is not taken for an id.
  route('GET', '/v1/payment_intents/search', searchPaymentIntents),
  route('GET', '/v1/payment_intents', listPaymentIntents),
  route('GET', '/v1/charges/search', searchCharges),
  route('GET', '/v1/charges', listCharges),
  route('GET', '/v1/refunds', listRefunds),
  route('GET', '/v1/payment_intents/:id', retrievePaymentIntent),
  route('POST', '/v1/payment_intents/:id/confirm', confirmPaymentIntent),
  route('POST', '/v1/payment_intents/:id/cancel', cancelPaymentIntent),
  route('GET', '/v1/charges/:id', retrieveCharge),
  route('POST', '/v1/refunds', createRefund),
  route('GET', '/v1/refunds/:id', retrieveRefund),
  route('GET', '/v1/events/:id', retrieveEvent),
  // Connect (issue 16).
  route('POST', '/v1/accounts', createAccount),
  route('GET', '/v1/accounts', listAccounts),
  route('GET', '/v1/accounts/:id', retrieveAccount),
  route('POST', '/v1/accounts/:id', updateAccount),
  route('POST', '/v1/account_links', createAccountLink),
  route('POST', '/v1/transfers', createTransfer),
  route('GET', '/v1/transfers', listTransfers),
  route('GET', '/v1/transfers/:id', retrieveTransfer),
  route('POST', '/v1/transfers/:id', updateTransfer),
  route('POST', '/v1/transfers/:id/reversals', createTransferReversal),
  route('GET', '/v1/transfers/:id/reversals', listTransferReversals),
  route('GET', '/v1/transfers/:transfer/reversals/:id', retrieveTransferReversal),
  route('GET', '/v1/balance', retrieveBalance, true),
];

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(pathname);
    if (match) return { handler: candidate.handler, path: decodeGroups(match.groups ?? {}), stripeAccount: candidate.stripeAccount };
  }
  return undefined;
}

function decodeGroups(groups: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      decoded[name] = value;
    }
  }
  return decoded;
}
