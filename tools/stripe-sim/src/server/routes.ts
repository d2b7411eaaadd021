// The API subset the simulator serves, as a route table.
import type { Handler } from '../domain/context';
import { retrieveCharge } from '../domain/charges';
import { retrieveEvent } from '../domain/events';
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent, retrievePaymentIntent } from '../domain/payment-intents';
import { createRefund, retrieveRefund } from '../domain/refunds';
import { listCharges, listPaymentIntents, listRefunds, searchCharges, searchPaymentIntents } from '../listing/list-endpoints';

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

export interface RouteMatch {
  handler: Handler;
  path: Record<string, string>;
}

/** `/v1/payment_intents/:id/confirm` → a pattern capturing `id`. */
function route(method: Route['method'], template: string, handler: Handler): Route {
  const source = template.replace(/:(\w+)/g, '(?<$1>[^/]+)');
  return { method, pattern: new RegExp(`^${source}$`), handler };
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
];

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(pathname);
    if (match) return { handler: candidate.handler, path: decodeGroups(match.groups ?? {}) };
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
