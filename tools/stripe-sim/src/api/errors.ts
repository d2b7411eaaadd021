// Stripe's error JSON, `{error: {type, code, message, ...}}`, and the status codes the SDK maps to
// its error classes (400/404 invalid request or idempotency, 401 auth, 402 card, 409, 5xx api).

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

export class StripeApiError extends Error {
  /**
   * `replayable` says whether an idempotency key keeps this answer. Stripe saves a result only once
   * the endpoint started executing: failed validation is not saved, so a corrected retry may reuse
   * the key.
   */
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly replayable: boolean,
  ) {
    super(body.message);
  }
}

export function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidParam(param: string, message: string, code?: string): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, param };
  if (code) Object.assign(body, { code, doc_url: docUrl(code) });
  return new StripeApiError(400, body, false);
}

/** A request-level problem that no single parameter is to blame for. */
export function invalidRequest(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message }, false);
}

export function missingParam(param: string): StripeApiError {
  return invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
}

export function unknownParam(param: string): StripeApiError {
  return invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
}

/** An id in the URL that does not exist is a 404; one in the body is a 400 on that param. */
export function resourceMissing(message: string, param: string, status: 400 | 404): StripeApiError {
  const code = 'resource_missing';
  return new StripeApiError(status, { type: 'invalid_request_error', code, doc_url: docUrl(code), message, param }, false);
}

/** A request that is valid but not allowed in the object's current state: the endpoint ran, so it is saved. */
export function stateError(message: string, code?: string, extra: Partial<StripeErrorBody> = {}): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, ...extra };
  if (code) Object.assign(body, { code, doc_url: docUrl(code) });
  return new StripeApiError(400, body, true);
}

export function cardError(body: Omit<StripeErrorBody, 'type'>): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', ...body }, true);
}

export function idempotencyError(message: string, status = 400, code?: string): StripeApiError {
  return new StripeApiError(status, code ? { type: 'idempotency_error', code, message } : { type: 'idempotency_error', message }, false);
}

export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message }, false);
}

export function apiError(status: number): StripeApiError {
  const message = 'An unknown error occurred while processing your request. The simulator injected this fault.';
  return new StripeApiError(status, { type: 'api_error', message }, false);
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  const message = `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
  return new StripeApiError(404, { type: 'invalid_request_error', message }, false);
}

/** A `Stripe-Account` header naming an account the platform has no access to (or none at all). */
export function accountInvalid(account: string): StripeApiError {
  const code = 'account_invalid';
  const message = `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`;
  return new StripeApiError(403, { type: 'invalid_request_error', code, doc_url: docUrl(code), message }, false);
}
