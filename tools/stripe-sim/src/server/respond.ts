// Writing an answer the way Stripe does: JSON, a `Request-Id`, the API version used, and the
// idempotency key echoed back.
import type { ServerResponse } from 'node:http';
import type { StripeApiError } from '../api/errors';

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Whether an idempotency key keeps this result (see StripeApiError.replayable). */
  replayable: boolean;
}

export interface ResponseMeta {
  requestId: string;
  apiVersion: string;
  idempotencyKey: string | undefined;
}

export function success(body: unknown): ApiResult {
  return { status: 200, body, replayable: true };
}

export function failure(error: StripeApiError, requestId: string, headers?: Record<string, string>): ApiResult {
  const body = { ...error.body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` };
  return { status: error.status, body: { error: body }, headers, replayable: error.replayable };
}

export function send(response: ServerResponse, result: ApiResult, meta: ResponseMeta): void {
  const payload = JSON.stringify(result.body, null, 2);
  response.writeHead(result.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': meta.requestId,
    'Stripe-Version': meta.apiVersion,
    ...(meta.idempotencyKey ? { 'Idempotency-Key': meta.idempotencyKey } : {}),
    ...result.headers,
  });
  response.end(payload);
}

/** For the simulator's own `/__sim` endpoints. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  response.end(payload);
}
