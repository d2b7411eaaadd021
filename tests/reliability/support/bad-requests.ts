// Per route, a generator of requests that must not succeed (or, for read-only routes, may succeed
// but must not fail on our side). Bodies are invalid by construction: the validity oracles below
// restate api.md's rules, and generated values that happen to be valid are filtered out.
import fc from 'fast-check';
import { z } from 'zod';
import {
  encodePart, headerText, invalidJsonText, junkCookieHeader, junkIdempotencyKey, junkPathId, junkQuery, junkString, junkValue, wrongContentType,
} from './junk';
import type { InjectRequest, ServiceName, User } from './marketplace';

export interface Fixture {
  seller: User;
  buyer: User;
  stranger: User;
  /** The seller's ticket, on sale. */
  availableTicketId: string;
  /** The seller's ticket, reserved by the buyer's order. */
  reservedTicketId: string;
  /** The buyer's order (status created, payable). */
  orderId: string;
}

export interface RouteCase {
  service: ServiceName;
  route: string;
  /** Read-only routes may answer 2xx to junk; every other case must answer 4xx. */
  mayAccept: boolean;
  requests(fixture: Fixture): fc.Arbitrary<InjectRequest>;
}

// --- validity oracles (api.md) ---

const numericString = /^\s*-?\d+(\.\d+)?\s*$/;

export function isValidPrice(value: unknown): boolean {
  const price = typeof value === 'string' && numericString.test(value) ? Number(value) : value;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0.5 || price > 999_999.99) return false;
  return Math.abs(price * 100 - Math.round(price * 100)) < 1e-6;
}

// PostgreSQL text cannot hold NUL: a title or token with one must be a 400, not a failed INSERT.
const hasNul = (value: string) => value.includes('\u0000');

export function isValidTitle(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= 200 && !hasNul(value);
}

const isEmailLike = (value: unknown) => typeof value === 'string' && value.includes('@');
const isValidNewPassword = (value: unknown) => typeof value === 'string' && value.trim().length >= 4 && value.trim().length <= 128;
const isUuid = (value: unknown) => z.uuid().safeParse(value).success;
const isValidToken = (value: unknown) => typeof value === 'string' && value.trim().length > 0 && !hasNul(value);

// --- building blocks ---

const extraFields = fc.dictionary(junkString.filter((key) => key.length < 30), junkValue, { maxKeys: 3 });

/** A body for a must-reject route, sent in one of the ways a client can get it wrong. */
function sent(invalidBody: fc.Arbitrary<unknown>): fc.Arbitrary<Pick<InjectRequest, 'payload' | 'raw' | 'headers'>> {
  return fc.oneof(
    invalidBody.map((payload) => ({ payload })),
    invalidBody.chain((payload) => wrongContentType.map((type) => ({ payload, headers: { 'content-type': type } }))),
    invalidJsonText.map((payload) => ({ payload, raw: true })),
    fc.constant({}),
    // JSON scalars and arrays are never a valid body.
    fc.oneof(junkString, fc.array(junkValue, { maxLength: 3 }), fc.constant(null), fc.double()).map((payload) => ({ payload })),
  );
}

/** Junk in the headers every route reads (or should ignore). */
const noiseHeaders = fc.record({
  accept: headerText(30),
  'x-forwarded-for': headerText(40),
  'x-request-id': headerText(40),
  'idempotency-key': junkIdempotencyKey,
}, { requiredKeys: [] });

function request(method: InjectRequest['method'], url: string, cookie: string | undefined, body: Pick<InjectRequest, 'payload' | 'raw' | 'headers'>, noise: Record<string, string>): InjectRequest {
  const headers: Record<string, string> = { ...noise, ...body.headers };
  if (cookie !== undefined) headers.cookie = cookie;
  return { method, url, headers, payload: body.payload, raw: body.raw };
}

/** A signed-in user's cookie, or junk that signs nobody in. */
const cookieOr = (user: User) => fc.oneof(fc.constant(user.cookie), junkCookieHeader);

// --- bodies ---

const ticketFields = fc.record({ title: fc.oneof(junkValue, fc.constantFrom('', '   ', 'x'.repeat(201), 'ok title', 'a\u0000b')), price: fc.oneof(junkValue, fc.constantFrom('10', 10, 0.5)) }, { requiredKeys: [] });
const invalidTicketBody = fc.tuple(extraFields, ticketFields)
  .map(([extra, fields]) => ({ ...extra, ...fields }))
  .filter((body) => !(isValidTitle(body.title) && isValidPrice(body.price)));
const validTicketBody = fc.record({ title: fc.constantFrom('Concert', 'Opera'), price: fc.constantFrom(10, '25.50') });

const invalidSignupBody = fc.oneof(
  fc.record({ email: junkValue.filter((value) => !isEmailLike(value)), password: junkValue }, { requiredKeys: [] }),
  fc.record({ email: fc.emailAddress(), password: junkValue.filter((value) => !isValidNewPassword(value)) }, { requiredKeys: ['email'] }),
);
const anySigninBody = fc.record({ email: fc.oneof(junkValue, fc.emailAddress()), password: fc.oneof(junkValue, fc.string()) }, { requiredKeys: [] });

const invalidPaymentBody = (orderId: string) => fc.record({
  orderId: fc.oneof(junkValue, fc.constant(orderId), fc.constant(orderId.toUpperCase())),
  token: fc.oneof(junkValue, fc.constantFrom('tok_visa', 'pm_card_visa', 'tok_\u0000visa')),
}, { requiredKeys: [] }).filter((body) => !(isUuid(body.orderId) && isValidToken(body.token)));

// --- the routes ---

export const routeCases: RouteCase[] = [
  {
    service: 'auth', route: 'POST /api/users/signup', mayAccept: false,
    requests: () => fc.tuple(sent(invalidSignupBody), noiseHeaders).map(([body, noise]) => request('POST', '/api/users/signup', undefined, body, noise)),
  },
  {
    service: 'auth', route: 'POST /api/users/signin', mayAccept: false,
    requests: () => fc.tuple(sent(anySigninBody), noiseHeaders).map(([body, noise]) => request('POST', '/api/users/signin', undefined, body, noise)),
  },
  {
    service: 'auth', route: 'POST /api/users/signout', mayAccept: true,
    requests: () => fc.tuple(junkCookieHeader, sent(junkValue), noiseHeaders).map(([cookie, body, noise]) => request('POST', '/api/users/signout', cookie, body, noise)),
  },
  {
    service: 'auth', route: 'GET /api/users/currentuser', mayAccept: true,
    requests: () => fc.tuple(junkCookieHeader, junkQuery, noiseHeaders).map(([cookie, query, noise]) => request('GET', `/api/users/currentuser?${query}`, cookie, {}, noise)),
  },
  {
    service: 'auth', route: 'GET /api/users/.well-known/jwks.json', mayAccept: true,
    requests: () => fc.tuple(junkCookieHeader, junkQuery, noiseHeaders).map(([cookie, query, noise]) => request('GET', `/api/users/.well-known/jwks.json?${query}`, cookie, {}, noise)),
  },
  {
    service: 'tickets', route: 'POST /api/tickets', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(cookieOr(f.seller), sent(invalidTicketBody), noiseHeaders).map(([cookie, body, noise]) => request('POST', '/api/tickets', cookie, body, noise)),
      fc.tuple(junkCookieHeader, validTicketBody, noiseHeaders).map(([cookie, payload, noise]) => request('POST', '/api/tickets', cookie, { payload }, noise)),
    ),
  },
  {
    service: 'tickets', route: 'GET /api/tickets', mayAccept: true,
    requests: () => fc.tuple(junkQuery, noiseHeaders).map(([query, noise]) => request('GET', `/api/tickets?${query}`, undefined, {}, noise)),
  },
  {
    service: 'tickets', route: 'GET /api/tickets?limit=<invalid>', mayAccept: false,
    requests: () => fc.tuple(fc.oneof(junkString, fc.double().map(String), fc.constantFrom('0', '101', '-1', '1.5', '')), noiseHeaders)
      .filter(([limit]) => !(Number.isInteger(Number(limit)) && Number(limit) >= 1 && Number(limit) <= 100))
      .map(([limit, noise]) => request('GET', `/api/tickets?limit=${encodePart(limit)}`, undefined, {}, noise)),
  },
  {
    service: 'tickets', route: 'GET /api/tickets/:id', mayAccept: false,
    requests: () => fc.tuple(junkPathId, noiseHeaders).map(([id, noise]) => request('GET', `/api/tickets/${id}`, undefined, {}, noise)),
  },
  {
    service: 'tickets', route: 'PUT /api/tickets/:id', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(junkPathId, validTicketBody, noiseHeaders).map(([id, payload, noise]) => request('PUT', `/api/tickets/${id}`, f.seller.cookie, { payload }, noise)),
      fc.tuple(cookieOr(f.seller), sent(invalidTicketBody), noiseHeaders).map(([cookie, body, noise]) => request('PUT', `/api/tickets/${f.availableTicketId}`, cookie, body, noise)),
      fc.tuple(junkCookieHeader, validTicketBody, noiseHeaders).map(([cookie, payload, noise]) => request('PUT', `/api/tickets/${f.availableTicketId}`, cookie, { payload }, noise)),
      fc.tuple(validTicketBody, noiseHeaders).map(([payload, noise]) => request('PUT', `/api/tickets/${f.reservedTicketId}`, f.seller.cookie, { payload }, noise)),
    ),
  },
  {
    service: 'orders', route: 'POST /api/orders', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(cookieOr(f.stranger), sent(fc.record({ ticketId: fc.oneof(junkValue, fc.uuid()) }, { requiredKeys: [] })), noiseHeaders)
        .map(([cookie, body, noise]) => request('POST', '/api/orders', cookie, body, noise)),
      // The seller's own ticket, a reserved ticket, and a real ticket without a valid session.
      fc.tuple(fc.constantFrom(f.availableTicketId, f.reservedTicketId), noiseHeaders)
        .map(([ticketId, noise]) => request('POST', '/api/orders', f.seller.cookie, { payload: { ticketId } }, noise)),
      fc.tuple(noiseHeaders).map(([noise]) => request('POST', '/api/orders', f.stranger.cookie, { payload: { ticketId: f.reservedTicketId } }, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('POST', '/api/orders', cookie, { payload: { ticketId: f.availableTicketId } }, noise)),
    ),
  },
  {
    service: 'orders', route: 'GET /api/orders', mayAccept: false,
    requests: () => fc.tuple(junkCookieHeader, junkQuery, noiseHeaders).map(([cookie, query, noise]) => request('GET', `/api/orders?${query}`, cookie, {}, noise)),
  },
  ...(['GET', 'DELETE'] as const).map((method): RouteCase => ({
    service: 'orders', route: `${method} /api/orders/:orderId`, mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(junkPathId, noiseHeaders).map(([id, noise]) => request(method, `/api/orders/${id}`, f.buyer.cookie, {}, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request(method, `/api/orders/${f.orderId}`, cookie, {}, noise)),
      fc.tuple(noiseHeaders).map(([noise]) => request(method, `/api/orders/${f.orderId}`, f.stranger.cookie, {}, noise)),
    ),
  })),
  {
    service: 'payments', route: 'POST /api/payments', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(cookieOr(f.buyer), sent(invalidPaymentBody(f.orderId)), noiseHeaders).map(([cookie, body, noise]) => request('POST', '/api/payments', cookie, body, noise)),
      // Valid bodies: an order nobody has, someone else's order, no valid session, a bad Idempotency-Key.
      fc.tuple(fc.uuid(), noiseHeaders).map(([orderId, noise]) => request('POST', '/api/payments', f.buyer.cookie, { payload: { orderId, token: 'tok_visa' } }, noise)),
      fc.tuple(noiseHeaders).map(([noise]) => request('POST', '/api/payments', f.stranger.cookie, { payload: { orderId: f.orderId, token: 'tok_visa' } }, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('POST', '/api/payments', cookie, { payload: { orderId: f.orderId, token: 'tok_visa' } }, noise)),
      fc.constantFrom('', 'k'.repeat(201), 'k'.repeat(4_000)).map((key) =>
        request('POST', '/api/payments', f.buyer.cookie, { payload: { orderId: f.orderId, token: 'tok_visa' } }, { 'idempotency-key': key })),
    ),
  },
  {
    service: 'payments', route: 'POST /api/payments/webhooks/stripe', mayAccept: false,
    requests: () => fc.tuple(
      fc.oneof(junkValue.map((value) => JSON.stringify(value) ?? ''), invalidJsonText, fc.constant(JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded', data: { object: {} } }))),
      fc.oneof(fc.constant(undefined), headerText(80), fc.integer({ min: 0 }).map((t) => `t=${t},v1=${'0'.repeat(64)}`)),
      fc.oneof(fc.constant('application/json'), wrongContentType),
    ).map(([payload, signature, type]) => ({
      method: 'POST', url: '/api/payments/webhooks/stripe', payload, raw: true,
      headers: { 'content-type': type, ...(signature === undefined ? {} : { 'stripe-signature': signature }) },
    })),
  },
];

/** Unknown routes and methods under each service's prefix. */
export const unknownRouteCases: RouteCase[] = (
  [['auth', '/api/users'], ['tickets', '/api/tickets'], ['orders', '/api/orders'], ['payments', '/api/payments']] as const
).map(([service, prefix]) => ({
  service, route: `unknown routes under ${prefix}`, mayAccept: false,
  requests: () => fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH' as const), junkPathId, junkPathId)
    .map(([method, a, b]) => ({ method, url: `${prefix}/${a}/${b}`, headers: { cookie: 'session=x' } } satisfies InjectRequest)),
}));
