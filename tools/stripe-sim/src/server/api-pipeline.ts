// One `/v1` request from arrival to answer: fault injection, authentication, routing, parameter
// parsing, the idempotency layer, then the endpoint handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isApiVersion } from '../api/api-version';
import { authenticate } from '../api/auth';
import { apiError, invalidParam, invalidRequest, StripeApiError, unrecognizedUrl } from '../api/errors';
import { fingerprint, type IdempotencyStore, type ReserveRequest } from '../api/idempotency';
import type { EmitOptions, EventSource, HandlerContext } from '../domain/context';
import { newId } from '../domain/ids';
import type { Store } from '../domain/store';
import type { Fault, FaultPlan } from '../faults';
import { FormParseError, parseForm, type FormObject } from './form-params';
import { failure, send, success, type ApiResult, type ResponseMeta } from './respond';
import { matchRoute, type RouteMatch } from './routes';

export interface ApiDeps {
  store: Store;
  idempotency: IdempotencyStore;
  faults: FaultPlan;
  /** Used when a request sends no Stripe-Version header. */
  apiVersion: string;
  nowSeconds(): number;
  emit(type: string, object: object, source: EventSource, options?: EmitOptions): void;
  /** Where a browser reaches the simulator (hosted pages); unset: the request's own Host. */
  publicUrl?: string;
  log(entry: Record<string, unknown>): void;
  /** Saves what the request changed before it is answered (`changed` false for reads); unset: in memory only. */
  persist?(changed: boolean): void;
}

export async function handleApiRequest(deps: ApiDeps, request: IncomingMessage, response: ServerResponse, url: URL, body: string) {
  const meta = responseMeta(deps, request);
  const fault = deps.faults.takeFault();
  if (fault?.stage === 'before') return applyFault(request, response, fault, meta);
  const result = await execute(deps, request, url, body, meta);
  deps.persist?.(request.method === 'POST');
  if (fault) return applyFault(request, response, fault, meta);
  send(response, result, meta);
}

function responseMeta(deps: ApiDeps, request: IncomingMessage): ResponseMeta {
  return {
    requestId: newId('req'),
    apiVersion: header(request, 'stripe-version') ?? deps.apiVersion,
    // Stripe ignores the key on GET: reading is naturally idempotent.
    idempotencyKey: request.method === 'POST' ? header(request, 'idempotency-key') : undefined,
  };
}

async function execute(deps: ApiDeps, request: IncomingMessage, url: URL, body: string, meta: ResponseMeta): Promise<ApiResult> {
  try {
    return await authenticatedRequest(deps, request, url, body, meta);
  } catch (error) {
    if (error instanceof StripeApiError) {
      const headers = error.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Stripe"' } : undefined;
      return failure(error, meta.requestId, headers);
    }
    deps.log({ level: 'error', msg: 'stripe simulator failed on a request', error: String((error as Error)?.stack ?? error) });
    return failure(apiError(500), meta.requestId);
  }
}

async function authenticatedRequest(deps: ApiDeps, request: IncomingMessage, url: URL, body: string, meta: ResponseMeta) {
  const auth = authenticate(header(request, 'authorization'));
  if ('error' in auth) throw auth.error;
  if (!isApiVersion(meta.apiVersion)) throw invalidRequest(`Invalid Stripe API version: ${meta.apiVersion}`);
  const method = request.method ?? 'GET';
  const match = matchRoute(method, url.pathname);
  if (!match) throw unrecognizedUrl(method, url.pathname);
  const stripeAccount = header(request, 'stripe-account');
  if (stripeAccount !== undefined && !match.stripeAccount) {
    throw invalidRequest(`The simulator accepts the Stripe-Account header only on GET /v1/balance, not on ${method} ${url.pathname}.`);
  }
  const params = parseParams(method === 'GET' ? url.search.slice(1) : body);
  const origin = deps.publicUrl ?? `http://${header(request, 'host') ?? '127.0.0.1'}`;
  const run = () => runHandler(deps, match, params, meta, { stripeAccount, origin });
  if (!meta.idempotencyKey) {
    await deps.faults.takeDelay();
    return run();
  }
  const reserve = { apiKey: auth.apiKey, key: meta.idempotencyKey, endpoint: url.pathname, fingerprint: fingerprint(params) };
  return idempotent(deps, reserve, meta, run);
}

async function idempotent(deps: ApiDeps, reserve: ReserveRequest, meta: ResponseMeta, run: () => ApiResult): Promise<ApiResult> {
  const reservation = deps.idempotency.reserve(reserve);
  if (reservation.kind === 'rejected') throw reservation.error;
  if (reservation.kind === 'replay') {
    const { status, body, requestId } = reservation.response;
    return { status, body, replayable: true, headers: { 'Idempotent-Replayed': 'true', 'Original-Request': requestId } };
  }
  let result: ApiResult | undefined;
  try {
    await deps.faults.takeDelay(); // the key stays "in progress" meanwhile: a concurrent retry gets a 409
    result = run();
    return result;
  } finally {
    if (result?.replayable) reservation.complete({ status: result.status, body: result.body, requestId: meta.requestId });
    else reservation.release();
  }
}

function runHandler(deps: ApiDeps, match: RouteMatch, params: FormObject, meta: ResponseMeta, on: Pick<HandlerContext, 'stripeAccount' | 'origin'>): ApiResult {
  const source: EventSource = { requestId: meta.requestId, idempotencyKey: meta.idempotencyKey ?? null };
  const context: HandlerContext = {
    params,
    path: match.path,
    store: deps.store,
    nowSeconds: deps.nowSeconds,
    apiVersion: meta.apiVersion,
    request: source,
    ...on,
    emit: (type, object, options) => deps.emit(type, object, source, options),
  };
  try {
    return success(match.handler(context));
  } catch (error) {
    if (error instanceof StripeApiError) return failure(error, meta.requestId);
    throw error;
  }
}

function parseParams(encoded: string): FormObject {
  try {
    return parseForm(encoded);
  } catch (error) {
    if (error instanceof FormParseError) throw invalidParam(error.param, error.message);
    throw error;
  }
}

function applyFault(request: IncomingMessage, response: ServerResponse, fault: Fault, meta: ResponseMeta): void {
  if (fault.status === 'network') {
    request.socket.destroy();
    return;
  }
  send(response, failure(apiError(fault.status), meta.requestId), meta);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
