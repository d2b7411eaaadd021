// Per route, a generator of requests that must not succeed (or, for read-only routes, may succeed
// but must not fail on our side). Bodies are invalid by construction: the validity oracles below
// restate api.md's and docs/events-and-price-caps.md's rules, and generated values that happen to
// be valid are filtered out. Connect webhooks (docs/payouts.md) never carry a valid signature.
// Ticket files and passes (docs/ticket-delivery.md): files that are not what their type says,
// passes forged every way a door scanner could be fooled.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import type { SigningKey } from '@ticketing/common';
import { z } from 'zod';
import {
  encodePart, headerText, invalidJsonText, junkCookieHeader, junkIdempotencyKey, junkPathId, junkQuery, junkQueryOf, junkString, junkValue, wrongContentType,
} from './junk';
import { eventBody, pdfFile, type EventBody, type InjectRequest, type InjectResponse, type ServiceName, type User } from './marketplace';

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
  /** The seller's event, scheduled (in a month), with one listing of the seller's. */
  eventId: string;
  /** Its country (the cap of a listing for it). */
  eventCountry: string;
  /** Another event of the seller's, cancelled. */
  cancelledEventId: string;
  /** The buyer's paid order of a ticket of the seller's: a sale held in payouts. */
  paidOrderId: string;
  /** The secret payouts checks Connect webhooks against (the seller has a connected account). */
  connectWebhookSecret: string;
  /** The seller's ticket for the event (face value 40, France's 100 % cap), its file attached, bought and paid by the buyer: delivered. */
  deliveredTicketId: string;
  /** The buyer's completed order of it. */
  deliveredOrderId: string;
  /** The buyer's pass for that order (the seller organises its event). */
  passToken: string;
  /** Tokens signed as a forger would (signedForgeries). */
  signedForgeries: string[];
}

export interface RouteCase {
  service: ServiceName;
  route: string;
  /** Read-only routes may answer 2xx to junk; every other case must answer 4xx. */
  mayAccept: boolean;
  /** What is wrong with an accepted (2xx) answer, if anything (a forged pass must read as forged). */
  acceptedProblem?(response: InjectResponse): string | null;
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
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Events (docs/events-and-price-caps.md): name and venue 1–200 characters after trim, city 1–100,
// country two letters in any case, startsAt an ISO-8601 date and time with a zone, in the future.
// Characters are counted as code points, the lenient reading (an emoji is one character).
const isEventText = (max: number) => (value: unknown) =>
  typeof value === 'string' && [...value.trim()].length >= 1 && [...value.trim()].length <= max && !hasNul(value);
const isValidCountry = (value: unknown) => typeof value === 'string' && /^[A-Za-z]{2}$/.test(value.trim());

// Read leniently (minutes without seconds, any fraction, lower-case t and z all count as ISO-8601):
// the oracle may call valid what the service refuses, never the other way round.
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant (ms since the epoch) an ISO-8601 date and time with a zone names, or null. The
 * instant must also be one the contract's ISO strings carry: UTC years 0001–9999.
 */
export function instantOf(value: unknown): number | null {
  const match = typeof value === 'string' ? isoDateTime.exec(value) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const [sign, offsetHours = 0, offsetMinutes = 0] = [match[7], Number(match[8] ?? 0), Number(match[9] ?? 0)];
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 24 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return null;
  const wallClock = new Date(0);
  wallClock.setUTCFullYear(year, month - 1, day);
  wallClock.setUTCHours(hour, minute, Math.min(second, 59));
  const instant = wallClock.getTime() - (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utcYear = new Date(instant).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? instant : null;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const eventRules: Record<keyof EventBody, (value: unknown) => boolean> = {
  name: isEventText(200),
  venue: isEventText(200),
  city: isEventText(100),
  country: isValidCountry,
  startsAt: (value) => (instantOf(value) ?? -Infinity) > Date.now(),
};
const eventFields = Object.keys(eventRules) as Array<keyof typeof eventRules>;

export function isValidEventBody(body: unknown): boolean {
  return isObject(body) && eventFields.every((field) => eventRules[field](body[field]));
}

// Price caps in force by default (RESALE_PRICE_CAPS), as percents of the face value.
const capPercents: Record<string, number> = { FR: 100, BE: 100, PT: 100, NO: 100, IE: 100 };
const defaultCapPercent = 120;
const centsOf = (money: unknown) => Math.round(Number(money) * 100);

export interface KnownEvent { country: string; status: 'scheduled' | 'cancelled' }

/**
 * Whether tickets must accept the listing: a valid title and price; with eventId an id of a
 * scheduled event (in any case) and a face value; with a face value, a price within the cap.
 */
export function isAcceptableListing(body: unknown, events: Record<string, KnownEvent>): boolean {
  if (!isObject(body) || !isValidTitle(body.title) || !isValidPrice(body.price)) return false;
  let capPercent = defaultCapPercent;
  if (body.eventId !== undefined) {
    const event = isUuid(body.eventId) ? events[String(body.eventId).toLowerCase()] : undefined;
    if (event?.status !== 'scheduled' || body.faceValue === undefined) return false;
    capPercent = capPercents[event.country] ?? defaultCapPercent;
  }
  if (body.faceValue === undefined) return true;
  return isValidPrice(body.faceValue) && centsOf(body.price) * 100 <= centsOf(body.faceValue) * capPercent;
}

const ticketSorts = ['newest', 'price', 'startsAt'];

// Cursors of the shape the lists issue, at the edges of what they can hold (the first and last
// instants, the largest price): a client can forge these, and they reach the SQL.
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const someId = '6f1c1f0e-3b5a-4c1e-9d7a-2b8e4f5a6c7d';
const edgeTimestamps = ['0001-01-01T00:00:00.000000Z', '9999-12-31T23:59:59.999999Z', '2000-02-29T12:00:00.000000Z'];
const forgedEventCursors = edgeTimestamps.map((timestamp) => base64url(`${timestamp}|${someId}`));
const forgedTicketCursors = [
  ...edgeTimestamps.flatMap((timestamp) => [base64url(`newest|${timestamp}|${someId}`), base64url(`startsAt|${timestamp}|${someId}`)]),
  base64url(`price|1|${someId}`), base64url(`price|999999999|${someId}`), base64url(`startsAt|infinity|${someId}`),
];
const isValidLimit = (text: string) => Number.isInteger(Number(text)) && Number(text) >= 1 && Number(text) <= 100 && text.trim() !== '';

/** Whether the text has the shape of a cursor catalog issues (base64url of `<timestamp>|<id>`). */
const looksLikeEventCursor = (text: string) =>
  /^[A-Za-z0-9_-]+$/.test(text) && /^[^|]+\|[^|]+$/.test(Buffer.from(text, 'base64url').toString('utf8'));

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

/**
 * Listings that tickets must refuse: for an unknown or cancelled event, with a junk eventId or
 * face value, or asking more than the cap (of the event's country, or the default without one).
 */
function invalidEventListing(f: Fixture): fc.Arbitrary<Record<string, unknown>> {
  const events: Record<string, KnownEvent> = { [f.eventId]: { country: f.eventCountry, status: 'scheduled' }, [f.cancelledEventId]: { country: 'DE', status: 'cancelled' } };
  const capOf = (eventId: string | undefined) => (eventId === undefined ? defaultCapPercent : capPercents[events[eventId].country] ?? defaultCapPercent);
  const money = (cents: number) => cents / 100;
  const title = fc.constantFrom('Front row', 'Balcony');
  const ourEvent = fc.constantFrom(f.eventId, f.eventId.toUpperCase());
  // A face value and a price above its cap, both valid money (0.50 to 999,999.99): one cent over, or anything over.
  const overCap = (eventId: string | undefined) => {
    const maxFace = Math.floor((99_999_999 * 100) / capOf(eventId)) - 1;
    return fc.oneof(fc.integer({ min: 50, max: 10_000 }), fc.integer({ min: 50, max: maxFace })).chain((face) => {
      const lowest = Math.floor((face * capOf(eventId)) / 100) + 1;
      return fc.oneof(fc.constant(lowest), fc.integer({ min: lowest, max: 99_999_999 })).map((price) => ({ faceValue: money(face), price: money(price) }));
    });
  };
  return fc.oneof(
    // An event tickets has never heard of (waits EVENT_REPLICA_WAIT_MS), or a cancelled one, otherwise valid.
    fc.record({ title, price: fc.constantFrom(10, '20'), faceValue: fc.constantFrom(20, '40'), eventId: fc.oneof(fc.uuid(), fc.constantFrom(f.cancelledEventId, f.cancelledEventId.toUpperCase())) }),
    fc.record({ title, price: fc.constantFrom(10, 40), eventId: fc.oneof(junkValue, fc.uuid().map((id) => `${id}0`)) }, { requiredKeys: ['title', 'price'] }),
    fc.record({ title, price: fc.constantFrom(10, 40), eventId: ourEvent, faceValue: fc.oneof(fc.constantFrom(0, -0, -1, -10, '0', '-5', 0.001, 0.49, 1_000_000, 40.001, null), junkValue) }, { requiredKeys: ['title', 'price', 'eventId'] }),
    fc.record({ title, price: fc.constantFrom(10, 40), faceValue: fc.oneof(fc.constantFrom(0, -1, '0', 0.001, 1_000_000, null), junkValue) }),
    ourEvent.chain((eventId) => overCap(f.eventId).map((prices) => ({ title: 'Front row', eventId, ...prices }))),
    overCap(undefined).map((prices) => ({ title: 'Front row', ...prices })),
  ).filter((body) => !isAcceptableListing(body, events));
}

// --- event bodies ---

/** A valid event body, in the spellings a client may use (lower-case country, an offset zone). */
function validEventBody(): fc.Arbitrary<Record<string, unknown>> {
  const inAMonth = Date.now() + 30 * 86_400_000;
  return fc.record({
    name: fc.constantFrom('Reliability Night', '  Night of Jazz  '),
    country: fc.constantFrom('FR', 'de', 'Ie'),
    startsAt: fc.constantFrom(new Date(inAMonth).toISOString(), `${new Date(inAMonth + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`),
  }).map((fields) => ({ ...eventBody(), ...fields }));
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** Date and time texts of every kind: ISO with and without a zone, other zone spellings, other formats. */
const dateTimeText = fc.tuple(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
  fc.integer({ min: -14 * 60, max: 14 * 60 }),
  // The two valid spellings more often: a valid date in them is the nearest miss (past, or out of range).
  fc.constantFrom('iso', 'iso', 'iso', 'offset', 'offset', 'offset', 'basic offset', 'hour offset', 'no zone', 'date only', 'space', 'lower case', 'epoch', 'toString', 'toUTCString'),
).map(([date, offsetMinutes, format]) => {
  const iso = date.toISOString();
  const wall = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const [hours, minutes] = [pad(Math.trunc(offsetMinutes / 60)), pad(offsetMinutes % 60)];
  switch (format) {
    case 'iso': return iso;
    case 'offset': return `${wall}${sign}${hours}:${minutes}`;
    case 'basic offset': return `${wall}${sign}${hours}${minutes}`;
    case 'hour offset': return `${wall}${sign}${hours}`;
    case 'no zone': return iso.slice(0, 19);
    case 'date only': return iso.slice(0, 10);
    case 'space': return iso.replace('T', ' ');
    case 'lower case': return iso.toLowerCase();
    case 'epoch': return String(date.getTime());
    case 'toString': return date.toString();
    default: return date.toUTCString();
  }
});

/** Valid ISO-8601 texts of instants already past: from year 1 to a second ago, in UTC or at an offset. */
const pastInstant = () => fc.tuple(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date(Date.now() - 1_000), noInvalidDate: true }),
  fc.integer({ min: -14, max: 14 }),
).map(([date, offsetHours]) => (offsetHours === 0
  ? date.toISOString()
  : `${new Date(date.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 19)}${offsetHours < 0 ? '-' : '+'}${pad(offsetHours)}:00`));

/** Instants outside what the contract carries, impossible dates, and a minute ago. */
const oddInstants = () => fc.constantFrom(
  '0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '9999-12-31T23:00:00-14:00', '2030-02-30T00:00:00Z', '2031-02-29T00:00:00Z',
  '2030-13-01T00:00:00Z', '2030-06-01T25:00:00Z', '2030-06-01T20:60:00Z', '2030-06-01T20:00:00+24:00', '2030-06-01T20:00:00+02:60',
  '2030-06-01T20:00:00 Z', ' 2030-06-01T20:00:00Z', '2030-06-01T20:00:00Z ', '2030-06-01', '1970-01-01T00:00:00Z',
  new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() - 86_400_000).toISOString(), new Date().toISOString().slice(0, 19),
);

const eventCandidates: Record<keyof typeof eventRules, fc.Arbitrary<unknown>> = {
  name: fc.oneof(junkValue, fc.constantFrom('', '   ', '\t\n', 'x'.repeat(201), ` ${'x'.repeat(201)} `, 'a\u0000b', undefined)),
  venue: fc.oneof(junkValue, fc.constantFrom('', '   ', 'v'.repeat(201), 'Hall\u0000', undefined)),
  city: fc.oneof(junkValue, fc.constantFrom('', '  ', 'c'.repeat(101), ` ${'c'.repeat(101)}`, 'Par\u0000is', undefined)),
  country: fc.oneof(junkValue, fc.string({ maxLength: 4 }), fc.constantFrom('F', 'FRA', 'F1', '12', 'ÉS', 'ﬀ', '🇫🇷', 'F\u0000', 'F R', '', undefined)),
  // Mostly date and time texts: the near misses are where a parser goes wrong.
  startsAt: fc.oneof(
    junkValue, { weight: 3, arbitrary: dateTimeText }, { weight: 2, arbitrary: pastInstant() }, oddInstants(), fc.constant(undefined), fc.nat().map((n) => Date.now() + n),
  ),
};

/** Event bodies that break the rules: one field wrong in an otherwise valid body, or anything at all. */
function invalidEventBody(): fc.Arbitrary<unknown> {
  const valid = eventBody();
  // startsAt's rule has the most ways to be missed (formats, zones, calendar, past), country's next.
  const oneFieldWrong = fc.constantFrom<keyof EventBody>('name', 'venue', 'city', 'country', 'country', 'startsAt', 'startsAt', 'startsAt').chain((field) =>
    eventCandidates[field].filter((value) => !eventRules[field](value)).map((value) => ({ ...valid, [field]: value })));
  const anything = fc.tuple(extraFields, fc.record(
    Object.fromEntries(eventFields.map((field) => [field, fc.oneof(fc.constant(valid[field]), eventCandidates[field])])) as Record<keyof typeof eventRules, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  )).map(([extra, fields]) => ({ ...extra, ...fields }));
  return fc.oneof({ weight: 2, arbitrary: oneFieldWrong }, anything).filter((body) => !isValidEventBody(body));
}

// --- list queries that break the rules (each with the route's valid parameters beside it) ---

const longText = fc.tuple(fc.integer({ min: 201, max: 600 }), fc.constantFrom('a', 'é', '😀', ' ', 'rock ')).map(([length, unit]) => unit.repeat(length));
const queryOf = (pairs: Array<[string, string]>) => pairs.map(([key, value]) => `${key}=${encodePart(value)}`).join('&');
const invalidLimit = fc.oneof(junkString, fc.double().map(String), fc.constantFrom('0', '101', '-1', '1.5', '', '1e2')).filter((limit) => !isValidLimit(limit));
const notAnInstant = fc.oneof(junkString, dateTimeText, oddInstants()).filter((text) => instantOf(text) === null);

function invalidEventsQuery(): fc.Arbitrary<string> {
  const inAYear = Date.now() + 365 * 86_400_000;
  const invalid = fc.oneof(
    longText.map((q): Array<[string, string]> => [['q', q]]),
    invalidLimit.map((limit): Array<[string, string]> => [['limit', limit]]),
    fc.tuple(fc.constantFrom('from', 'to'), notAnInstant).map(([key, text]): Array<[string, string]> => [[key, text]]),
    // A window that ends before it starts.
    fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }).map((earlier): Array<[string, string]> =>
      [['from', new Date(inAYear).toISOString()], ['to', new Date(inAYear - earlier).toISOString()]]),
    fc.oneof(junkString, fc.base64String({ maxLength: 40 })).filter((after) => !looksLikeEventCursor(after)).map((after): Array<[string, string]> => [['after', after]]),
  );
  const valid = fc.subarray<[string, string]>([['q', 'night'], ['city', 'Paris'], ['limit', '10']]);
  return fc.tuple(valid, invalid).map(([good, bad]) => queryOf([...good.filter(([key]) => !bad.some(([badKey]) => badKey === key)), ...bad]));
}

function invalidTicketsQuery(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.oneof(junkString, fc.uuid().map((id) => `${id}x`), fc.constant('')).filter((id) => !isUuid(id)).map((id) => queryOf([['eventId', id]])),
    fc.oneof(longText, fc.constantFrom('a\u0000b', '\u0000')).map((q) => queryOf([['q', q]])),
    fc.oneof(junkString, fc.constantFrom('Newest', 'PRICE', 'startsat', 'starts_at', '-price', 'price,newest', '')).filter((sort) => !ticketSorts.includes(sort))
      .map((sort) => queryOf([['sort', sort]])),
  );
}

const invalidSignupBody = fc.oneof(
  fc.record({ email: junkValue.filter((value) => !isEmailLike(value)), password: junkValue }, { requiredKeys: [] }),
  fc.record({ email: fc.emailAddress(), password: junkValue.filter((value) => !isValidNewPassword(value)) }, { requiredKeys: ['email'] }),
);
const anySigninBody = fc.record({ email: fc.oneof(junkValue, fc.emailAddress()), password: fc.oneof(junkValue, fc.string()) }, { requiredKeys: [] });

const invalidPaymentBody = (orderId: string) => fc.record({
  orderId: fc.oneof(junkValue, fc.constant(orderId), fc.constant(orderId.toUpperCase())),
  token: fc.oneof(junkValue, fc.constantFrom('tok_visa', 'pm_card_visa', 'tok_\u0000visa')),
}, { requiredKeys: [] }).filter((body) => !(isUuid(body.orderId) && isValidToken(body.token)));

// --- Connect webhooks (payouts) ---

/** Stripe's signature header: `t=<seconds>,v1=<HMAC-SHA256 of "<t>.<payload>">`. */
const stripeSignature = (secret: string, payload: string, seconds: number) =>
  `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${payload}`, 'utf8').digest('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Events worth forging: the seller's account "enabled" (it would owe transfers), a transfer. */
function forgedConnectEvent(f: Fixture): fc.Arbitrary<string> {
  return fc.tuple(fc.uuid(), fc.constantFrom('account.updated', 'transfer.created', 'transfer.reversed', 'account.application.deauthorized')).map(([id, type]) => JSON.stringify({
    id: `evt_${id.replaceAll('-', '')}`, object: 'event', type, account: 'acct_forged', created: nowSeconds(), livemode: false,
    data: { object: type.startsWith('account') ? { id: 'acct_forged', object: 'account', payouts_enabled: true, metadata: { userId: f.seller.id } } : { id: 'tr_forged', object: 'transfer', amount: 1_000_000 } },
  }));
}

/**
 * Stripe-Signature headers that must not verify `payload`: none, junk, the right shape with a
 * wrong secret, the real secret over other bytes, the real secret an hour ago (a replay), only
 * the v0 scheme.
 */
function badConnectSignature(f: Fixture, payload: string): fc.Arbitrary<string | undefined> {
  const secret = f.connectWebhookSecret;
  return fc.oneof(
    fc.constant(undefined), headerText(80), fc.integer({ min: 0 }).map((t) => `t=${t},v1=${'0'.repeat(64)}`),
    fc.constant(stripeSignature(`whsec_${'0'.repeat(32)}`, payload, nowSeconds())),
    fc.oneof(junkString, fc.constant(`${payload} `)).filter((other) => other !== payload).map((other) => stripeSignature(secret, other, nowSeconds())),
    fc.integer({ min: 301, max: 86_400 }).map((age) => stripeSignature(secret, payload, nowSeconds() - age)),
    fc.constant(stripeSignature(secret, payload, nowSeconds()).replace('v1=', 'v0=')),
  );
}

// --- ticket files and passes (delivery) ---

const fileMagic: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/**
 * Whether delivery must take the bytes as a ticket file of that Content-Type: a PDF, PNG or JPEG
 * by its first bytes (and more than those), or a barcode of 1–512 printable ASCII characters.
 */
export function isValidTicketFile(contentType: string | undefined, bytes: Buffer): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === 'text/plain') return bytes.length >= 1 && bytes.length <= 512 && bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
  const magic = type === undefined ? undefined : fileMagic[type];
  return magic !== undefined && bytes.length > magic.length && bytes.subarray(0, magic.length).equals(magic);
}

/** The four types, spelled as clients do (parameters, case, spaces), and types that are none of them. */
const fileContentType = fc.oneof(
  fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'APPLICATION/PDF', 'text/plain; charset=utf-8', ' image/png ', 'image/jpeg;q=1'),
  fc.constantFrom('image/jpg', 'image/gif', 'image/svg+xml', 'application/x-pdf', 'application/json', 'application/octet-stream', 'text/html', 'multipart/form-data; boundary=x', 'pdf', ''),
  wrongContentType,
);

/** Bytes of every kind: the magic of one type (alone, or with more after it), near misses, barcodes too long or not printable, junk. */
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  junkString.map((text) => Buffer.from(text, 'utf8')),
  fc.tuple(fc.constantFrom(...Object.values(fileMagic)), fc.uint8Array({ maxLength: 200 })).map(([magic, rest]) => Buffer.concat([magic, Buffer.from(rest)])),
  fc.constantFrom(...Object.values(fileMagic)),
  fc.constantFrom(
    Buffer.from(' %PDF-1.7'), Buffer.from('%pdf-1.7\n'), Buffer.from('%PDF1.7'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]), Buffer.from([0xff, 0xd8]),
    Buffer.alloc(0), Buffer.from('A'.repeat(513)), Buffer.from('BARCODE\n'), Buffer.from('1234\t5678'), Buffer.from('\u0000'), Buffer.from('caf\u00e9'), Buffer.from('\u007f'),
  ),
);

/** A file upload that must be refused with 415: content that is not what the Content-Type says, or a type delivery does not take. */
const invalidTicketFile = fc.tuple(fileContentType, fileBytes).filter(([type, bytes]) => !isValidTicketFile(type, bytes));

function fileUpload(ticketId: string, cookie: string | undefined, contentType: string, bytes: Buffer, noise: Record<string, string>): InjectRequest {
  return request('PUT', `/api/tickets/${ticketId}/file`, cookie, { payload: bytes, raw: true, headers: { 'content-type': contentType } }, noise);
}

/** A valid file, for the cases where only the caller, the ticket or its state must refuse it. */
const validTicketFile = fc.constantFrom<[string, Buffer]>(['application/pdf', pdfFile('r6')], ['text/plain', Buffer.from('R6-BARCODE-0001')], ['image/png', Buffer.concat([fileMagic['image/png'], Buffer.from('png')])]);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Replaces the character at `index` with another of the base64url alphabet (a middle one: all six bits count). */
function flipChar(text: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const next = alphabet[(alphabet.indexOf(text[index]) + 1) % alphabet.length];
  return `${text.slice(0, index)}${next}${text.slice(index + 1)}`;
}

/**
 * Passes signed as a forger would (made once, before the runs: signing is asynchronous): unsigned
 * with the real claims, signed with another key under the platform's kid, HS256 keyed with the
 * platform's public key (algorithm confusion), an unknown kid, and — with the platform's own key —
 * claims naming a pass delivery never issued, or the real pass's id with another holder.
 */
export async function signedForgeries(passToken: string, passKey: SigningKey, stranger: User): Promise<string[]> {
  const claims = JSON.parse(Buffer.from(passToken.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  const { privateKey: otherKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const sign = (body: Record<string, unknown>, key: CryptoKey | Uint8Array, header: { alg: string; kid?: string }) => new SignJWT(body).setProtectedHeader(header).sign(key);
  return [
    new UnsecuredJWT(claims).encode(),
    await sign(claims, otherKey, { alg: 'EdDSA', kid: passKey.kid }),
    await sign(claims, otherKey, { alg: 'EdDSA', kid: 'another-kid' }),
    await sign(claims, new TextEncoder().encode(JSON.stringify(passKey.publicJwk)), { alg: 'HS256', kid: passKey.kid }),
    await sign(claims, new TextEncoder().encode(String(passKey.publicJwk.x)), { alg: 'HS256', kid: passKey.kid }),
    await sign({ ...claims, jti: crypto.randomUUID() }, passKey.privateKey, { alg: 'EdDSA', kid: passKey.kid }),
    await sign({ ...claims, hid: stranger.id }, passKey.privateKey, { alg: 'EdDSA', kid: passKey.kid }),
    await sign({ ...claims, gen: Number(claims.gen) + 1 }, passKey.privateKey, { alg: 'EdDSA', kid: passKey.kid }),
  ];
}

/**
 * Pass tokens that are not a pass delivery issued: junk, the real pass cut, padded or with its
 * claims changed (another holder, generation, order, ticket, issuer, id) under its own signature,
 * its signature altered, and the signed forgeries above.
 */
function forgedPassToken(f: Fixture): fc.Arbitrary<string> {
  const [header, payload, signature] = f.passToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return fc.oneof(
    junkString,
    fc.constantFrom('', '.', '..', 'a.b.c', `${header}.${payload}`, `${header}.${payload}.`, `${header}..${signature}`, `${f.passToken}.x`, f.passToken.slice(0, -10), ` ${f.passToken}`, `${f.passToken}\u0000`),
    fc.constantFrom<Record<string, unknown>>(
      { hid: f.stranger.id }, { gen: 1 }, { gen: -1 }, { gen: '0' }, { oid: f.orderId }, { tid: f.availableTicketId }, { iss: 'someone' }, { jti: crypto.randomUUID() },
    ).map((change) => `${header}.${b64({ ...claims, ...change })}.${signature}`),
    fc.integer({ min: 2, max: signature.length - 3 }).map((index) => `${header}.${payload}.${flipChar(signature, index)}`),
    { weight: 2, arbitrary: fc.constantFrom(...f.signedForgeries) },
  ).filter((token) => token !== f.passToken);
}

const isVerifyBody = (body: unknown) => isObject(body) && typeof body.token === 'string' && (body.checkIn === undefined || typeof body.checkIn === 'boolean');
const invalidVerifyBody = (f: Fixture) => fc.tuple(extraFields, fc.record({
  token: fc.oneof(junkValue, fc.constant(f.passToken)), checkIn: fc.oneof(junkValue, fc.constantFrom(true, false, 'true', 'false', 0, 1, null)),
}, { requiredKeys: [] })).map(([extra, fields]) => ({ ...extra, ...fields })).filter((body) => !isVerifyBody(body));

/** A verdict answered to a forged pass: forged, and nothing else said about it. */
function notForged(response: InjectResponse): string | null {
  const body = JSON.parse(response.text) as unknown;
  return JSON.stringify(body) === JSON.stringify({ status: 'forged' }) ? null : `a forged pass read as ${response.text.slice(0, 200)}`;
}

const invalidResaleBody = fc.tuple(extraFields, fc.record({ price: fc.oneof(junkValue, fc.constantFrom('10', 10, 0.5, 0.49, 0, -1, 1_000_000)) }, { requiredKeys: [] }))
  .map(([extra, fields]) => ({ ...extra, ...fields }))
  .filter((body) => !isValidPrice(body.price));
/** A valid price over the delivered ticket's cap (face value 40 in France: 100 %). */
const overCapResalePrice = fc.oneof(fc.constantFrom(40.01, 41, '40.01', 999_999.99), fc.integer({ min: 4_001, max: 99_999_999 }).map((cents) => cents / 100));

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
    service: 'catalog', route: 'POST /api/events', mayAccept: false,
    requests: (f) => fc.oneof(
      // Most runs: a JSON body that breaks a rule, from a signed-in user (the validation is what is tested).
      { weight: 3, arbitrary: fc.tuple(invalidEventBody(), noiseHeaders).map(([payload, noise]) => request('POST', '/api/events', f.seller.cookie, { payload }, noise)) },
      fc.tuple(cookieOr(f.seller), sent(invalidEventBody()), noiseHeaders).map(([cookie, body, noise]) => request('POST', '/api/events', cookie, body, noise)),
      fc.tuple(junkCookieHeader, validEventBody(), noiseHeaders).map(([cookie, payload, noise]) => request('POST', '/api/events', cookie, { payload }, noise)),
    ),
  },
  {
    service: 'catalog', route: 'PUT /api/events/:id', mayAccept: false,
    requests: (f) => fc.oneof(
      { weight: 3, arbitrary: fc.tuple(invalidEventBody(), noiseHeaders).map(([payload, noise]) => request('PUT', `/api/events/${f.eventId}`, f.seller.cookie, { payload }, noise)) },
      fc.tuple(junkPathId, validEventBody(), noiseHeaders).map(([id, payload, noise]) => request('PUT', `/api/events/${id}`, f.seller.cookie, { payload }, noise)),
      fc.tuple(cookieOr(f.seller), sent(invalidEventBody()), noiseHeaders).map(([cookie, body, noise]) => request('PUT', `/api/events/${f.eventId}`, cookie, body, noise)),
      fc.tuple(fc.oneof(junkCookieHeader, fc.constant(f.stranger.cookie)), validEventBody(), noiseHeaders)
        .map(([cookie, payload, noise]) => request('PUT', `/api/events/${f.eventId}`, cookie, { payload }, noise)),
      fc.tuple(validEventBody(), noiseHeaders).map(([payload, noise]) => request('PUT', `/api/events/${f.cancelledEventId}`, f.seller.cookie, { payload }, noise)),
    ),
  },
  {
    // Never with the seller's own cookie on the seller's event: that would cancel the fixture's event.
    service: 'catalog', route: 'POST /api/events/:id/cancel', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(junkPathId, fc.oneof(fc.constant({}), sent(junkValue)), noiseHeaders)
        .map(([id, body, noise]) => request('POST', `/api/events/${id}/cancel`, f.seller.cookie, body, noise)),
      fc.tuple(fc.oneof(junkCookieHeader, fc.constant(f.stranger.cookie)), fc.constantFrom(f.eventId, f.eventId.toUpperCase(), f.cancelledEventId), fc.oneof(fc.constant({}), sent(junkValue)), noiseHeaders)
        .map(([cookie, id, body, noise]) => request('POST', `/api/events/${id}/cancel`, cookie, body, noise)),
    ),
  },
  {
    service: 'catalog', route: 'GET /api/events', mayAccept: true,
    requests: (f) => fc.tuple(
      fc.option(junkCookieHeader, { nil: undefined }),
      junkQueryOf(['q', 'city', 'from', 'to', 'limit', 'after'], [
        'night', 'Paris', 'PARIS', '0001-01-01T00:00:00Z', '2030-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00',
        ...forgedEventCursors, f.eventId,
      ]),
      noiseHeaders,
    ).map(([cookie, query, noise]) => request('GET', `/api/events?${query}`, cookie, {}, noise)),
  },
  {
    service: 'catalog', route: 'GET /api/events?q|limit|from|to|after=<invalid>', mayAccept: false,
    requests: () => fc.tuple(invalidEventsQuery(), noiseHeaders).map(([query, noise]) => request('GET', `/api/events?${query}`, undefined, {}, noise)),
  },
  {
    service: 'catalog', route: 'GET /api/events/:id', mayAccept: false,
    requests: (f) => fc.tuple(fc.option(cookieOr(f.seller), { nil: undefined }), junkPathId, noiseHeaders).map(([cookie, id, noise]) => request('GET', `/api/events/${id}`, cookie, {}, noise)),
  },
  {
    service: 'tickets', route: 'POST /api/tickets', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(cookieOr(f.seller), sent(invalidTicketBody), noiseHeaders).map(([cookie, body, noise]) => request('POST', '/api/tickets', cookie, body, noise)),
      fc.tuple(junkCookieHeader, validTicketBody, noiseHeaders).map(([cookie, payload, noise]) => request('POST', '/api/tickets', cookie, { payload }, noise)),
      { weight: 2, arbitrary: fc.tuple(invalidEventListing(f), noiseHeaders).map(([payload, noise]) => request('POST', '/api/tickets', f.seller.cookie, { payload }, noise)) },
    ),
  },
  {
    service: 'tickets', route: 'GET /api/tickets', mayAccept: true,
    requests: (f) => fc.tuple(junkQueryOf(['limit', 'after', 'eventId', 'q', 'sort'], [...ticketSorts, ...forgedTicketCursors, f.eventId, f.eventId.toUpperCase()]), noiseHeaders)
      .map(([query, noise]) => request('GET', `/api/tickets?${query}`, undefined, {}, noise)),
  },
  {
    service: 'tickets', route: 'GET /api/tickets?eventId|q|sort=<invalid>', mayAccept: false,
    requests: () => fc.tuple(invalidTicketsQuery(), noiseHeaders).map(([query, noise]) => request('GET', `/api/tickets?${query}`, undefined, {}, noise)),
  },
  {
    service: 'tickets', route: 'GET /api/tickets/price-caps', mayAccept: true,
    requests: (f) => fc.tuple(cookieOr(f.seller), junkQuery, noiseHeaders).map(([cookie, query, noise]) => request('GET', `/api/tickets/price-caps?${query}`, cookie, {}, noise)),
  },
  {
    service: 'tickets', route: 'GET /api/tickets?limit=<invalid>', mayAccept: false,
    requests: () => fc.tuple(invalidLimit, noiseHeaders)
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
  {
    service: 'payouts', route: 'POST /api/payouts/onboarding', mayAccept: false,
    requests: () => fc.tuple(junkCookieHeader, fc.oneof(fc.constant({}), sent(junkValue)), noiseHeaders)
      .map(([cookie, body, noise]) => request('POST', '/api/payouts/onboarding', cookie, body, noise)),
  },
  {
    // It takes no body: a signed-in seller's call may succeed whatever is sent, and since the seller
    // already has a connected account, it only makes a fresh Account Link (no data).
    service: 'payouts', route: 'POST /api/payouts/onboarding (signed in, onboarded, any body)', mayAccept: true,
    requests: (f) => fc.tuple(fc.oneof(fc.constant({}), sent(junkValue)), noiseHeaders)
      .map(([body, noise]) => request('POST', '/api/payouts/onboarding', f.seller.cookie, body, noise)),
  },
  {
    service: 'payouts', route: 'GET /api/payouts', mayAccept: false,
    requests: () => fc.tuple(junkCookieHeader, junkQuery, noiseHeaders).map(([cookie, query, noise]) => request('GET', `/api/payouts?${query}`, cookie, {}, noise)),
  },
  {
    service: 'payouts', route: 'GET /api/payouts (signed in, junk query)', mayAccept: true,
    requests: (f) => fc.tuple(junkQueryOf(['limit', 'after', 'state', 'sellerId'], [f.buyer.id, f.paidOrderId]), noiseHeaders)
      .map(([query, noise]) => request('GET', `/api/payouts?${query}`, f.seller.cookie, {}, noise)),
  },
  {
    service: 'payouts', route: 'GET /api/payouts/orders/:orderId', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(fc.constantFrom(f.buyer, f.seller), junkPathId, noiseHeaders).map(([user, id, noise]) => request('GET', `/api/payouts/orders/${id}`, user.cookie, {}, noise)),
      // The buyer's unpaid order has no payment yet.
      fc.tuple(noiseHeaders).map(([noise]) => request('GET', `/api/payouts/orders/${f.orderId}`, f.buyer.cookie, {}, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('GET', `/api/payouts/orders/${f.paidOrderId}`, cookie, {}, noise)),
      fc.tuple(fc.constantFrom(f.paidOrderId, f.paidOrderId.toUpperCase()), noiseHeaders)
        .map(([id, noise]) => request('GET', `/api/payouts/orders/${id}`, f.stranger.cookie, {}, noise)),
    ),
  },
  {
    service: 'payouts', route: 'POST /api/payouts/webhooks/stripe', mayAccept: false,
    requests: (f) => fc.oneof(
      junkValue.map((value) => JSON.stringify(value) ?? ''), invalidJsonText, { weight: 2, arbitrary: forgedConnectEvent(f) },
    ).chain((payload) => fc.tuple(
      fc.constant(payload), badConnectSignature(f, payload), fc.oneof(fc.constant('application/json'), wrongContentType),
    )).map(([payload, signature, type]) => ({
      method: 'POST', url: '/api/payouts/webhooks/stripe', payload, raw: true,
      headers: { 'content-type': type, ...(signature === undefined ? {} : { 'stripe-signature': signature }) },
    })),
  },
  {
    // Never the holder with a valid price within the cap on the delivered ticket: that would relist it.
    service: 'tickets', route: 'POST /api/tickets/:id/resale', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(cookieOr(f.buyer), sent(invalidResaleBody), noiseHeaders).map(([cookie, body, noise]) => request('POST', `/api/tickets/${f.deliveredTicketId}/resale`, cookie, body, noise)),
      fc.tuple(overCapResalePrice, noiseHeaders).map(([price, noise]) => request('POST', `/api/tickets/${f.deliveredTicketId}/resale`, f.buyer.cookie, { payload: { price } }, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('POST', `/api/tickets/${f.deliveredTicketId}/resale`, cookie, { payload: { price: 30 } }, noise)),
      fc.tuple(junkPathId, noiseHeaders).map(([id, noise]) => request('POST', `/api/tickets/${id}/resale`, f.buyer.cookie, { payload: { price: 30 } }, noise)),
      // Not its holder: a stranger, the seller (its seller, not its holder), and tickets nobody bought.
      fc.tuple(fc.constantFrom(f.stranger, f.seller), fc.constantFrom(f.deliveredTicketId, f.deliveredTicketId.toUpperCase()), noiseHeaders)
        .map(([user, id, noise]) => request('POST', `/api/tickets/${id}/resale`, user.cookie, { payload: { price: 30 } }, noise)),
      fc.tuple(fc.constantFrom(f.buyer, f.seller), fc.constantFrom(f.availableTicketId, f.reservedTicketId), noiseHeaders)
        .map(([user, id, noise]) => request('POST', `/api/tickets/${id}/resale`, user.cookie, { payload: { price: 30 } }, noise)),
    ),
  },
  {
    // Never the seller with a valid file on a ticket not yet delivered: that would attach it.
    service: 'delivery', route: 'PUT /api/tickets/:id/file', mayAccept: false,
    requests: (f) => fc.oneof(
      { weight: 3, arbitrary: fc.tuple(invalidTicketFile, noiseHeaders).map(([[type, bytes], noise]) => fileUpload(f.availableTicketId, f.seller.cookie, type, bytes, noise)) },
      fc.tuple(junkCookieHeader, fc.oneof(validTicketFile, invalidTicketFile), noiseHeaders).map(([cookie, [type, bytes], noise]) => fileUpload(f.availableTicketId, cookie, type, bytes, noise)),
      fc.tuple(junkPathId, validTicketFile, noiseHeaders).map(([id, [type, bytes], noise]) => fileUpload(id, f.seller.cookie, type, bytes, noise)),
      fc.tuple(fc.constantFrom(f.stranger, f.buyer), fc.constantFrom(f.availableTicketId, f.deliveredTicketId, f.reservedTicketId), validTicketFile, noiseHeaders)
        .map(([user, id, [type, bytes], noise]) => fileUpload(id, user.cookie, type, bytes, noise)),
      // Delivered with its file: fixed (409), in either case of its id.
      fc.tuple(fc.constantFrom(f.deliveredTicketId, f.deliveredTicketId.toUpperCase()), validTicketFile, noiseHeaders)
        .map(([id, [type, bytes], noise]) => fileUpload(id, f.seller.cookie, type, bytes, noise)),
    ),
  },
  {
    service: 'delivery', route: 'GET /api/tickets/:id/file', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('GET', `/api/tickets/${f.deliveredTicketId}/file`, cookie, {}, noise)),
      fc.tuple(junkPathId, noiseHeaders).map(([id, noise]) => request('GET', `/api/tickets/${id}/file`, f.seller.cookie, {}, noise)),
      fc.tuple(fc.constantFrom(f.stranger, f.buyer), fc.constantFrom(f.deliveredTicketId, f.deliveredTicketId.toUpperCase()), noiseHeaders)
        .map(([user, id, noise]) => request('GET', `/api/tickets/${id}/file`, user.cookie, {}, noise)),
      // The seller's ticket without a file.
      fc.tuple(noiseHeaders).map(([noise]) => request('GET', `/api/tickets/${f.availableTicketId}/file`, f.seller.cookie, {}, noise)),
    ),
  },
  {
    service: 'delivery', route: 'GET /api/tickets/:id/file (the seller, junk query and headers)', mayAccept: true,
    requests: (f) => fc.tuple(junkQuery, noiseHeaders).map(([query, noise]) => request('GET', `/api/tickets/${f.deliveredTicketId}/file?${query}`, f.seller.cookie, {}, noise)),
  },
  ...(['ticket', 'pass', 'pass/qr.svg', 'pass/pdf'] as const).map((what): RouteCase => ({
    service: 'delivery', route: `GET /api/orders/:id/${what}`, mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(junkPathId, noiseHeaders).map(([id, noise]) => request('GET', `/api/orders/${id}/${what}`, f.buyer.cookie, {}, noise)),
      fc.tuple(junkCookieHeader, noiseHeaders).map(([cookie, noise]) => request('GET', `/api/orders/${f.deliveredOrderId}/${what}`, cookie, {}, noise)),
      // Not the buyer (the seller included), and the buyer's order that is not complete.
      fc.tuple(fc.constantFrom(f.stranger, f.seller), fc.constantFrom(f.deliveredOrderId, f.deliveredOrderId.toUpperCase()), noiseHeaders)
        .map(([user, id, noise]) => request('GET', `/api/orders/${id}/${what}`, user.cookie, {}, noise)),
      fc.tuple(noiseHeaders).map(([noise]) => request('GET', `/api/orders/${f.orderId}/${what}`, f.buyer.cookie, {}, noise)),
    ),
  })),
  ...(['jwks.json', 'revocations'] as const).map((what): RouteCase => ({
    service: 'delivery', route: `GET /api/checkin/${what}`, mayAccept: true,
    requests: () => fc.tuple(fc.option(junkCookieHeader, { nil: undefined }), junkQuery, noiseHeaders)
      .map(([cookie, query, noise]) => request('GET', `/api/checkin/${what}?${query}`, cookie, {}, noise)),
  })),
  {
    // Never the organiser (the seller) with the real pass and checkIn: that would admit it.
    service: 'delivery', route: 'POST /api/checkin/verify', mayAccept: false,
    requests: (f) => fc.oneof(
      fc.tuple(fc.option(fc.oneof(cookieOr(f.seller), fc.constant(f.stranger.cookie)), { nil: undefined }), sent(invalidVerifyBody(f)), noiseHeaders)
        .map(([cookie, body, noise]) => request('POST', '/api/checkin/verify', cookie, body, noise)),
      // Admitting signed out (401, before the token is looked at) or as someone who does not organise the event (403).
      fc.tuple(fc.option(junkCookieHeader, { nil: undefined }), fc.oneof(fc.constant(f.passToken), forgedPassToken(f)), fc.constantFrom<boolean | undefined>(true, undefined), noiseHeaders)
        .map(([cookie, token, checkIn, noise]) => request('POST', '/api/checkin/verify', cookie, { payload: { token, ...(checkIn === undefined ? {} : { checkIn }) } }, noise)),
      fc.tuple(fc.constantFrom(f.stranger, f.buyer), fc.constantFrom<boolean | undefined>(true, undefined), noiseHeaders)
        .map(([user, checkIn, noise]) => request('POST', '/api/checkin/verify', user.cookie, { payload: { token: f.passToken, ...(checkIn === undefined ? {} : { checkIn }) } }, noise)),
    ),
  },
  {
    // A forged pass is answered `forged` and admits nobody: the organiser admitting, or anyone verifying.
    service: 'delivery', route: 'POST /api/checkin/verify (forged passes)', mayAccept: true, acceptedProblem: notForged,
    requests: (f) => fc.oneof(
      fc.tuple(forgedPassToken(f), fc.constantFrom<boolean | undefined>(true, undefined), noiseHeaders)
        .map(([token, checkIn, noise]) => request('POST', '/api/checkin/verify', f.seller.cookie, { payload: { token, ...(checkIn === undefined ? {} : { checkIn }) } }, noise)),
      fc.tuple(fc.option(fc.oneof(junkCookieHeader, fc.constant(f.stranger.cookie), fc.constant(f.seller.cookie)), { nil: undefined }), forgedPassToken(f), noiseHeaders)
        .map(([cookie, token, noise]) => request('POST', '/api/checkin/verify', cookie, { payload: { token, checkIn: false } }, noise)),
    ),
  },
];

/** Unknown routes and methods under each service's prefix. */
export const unknownRouteCases: RouteCase[] = (
  [
    ['auth', '/api/users'], ['catalog', '/api/events'], ['tickets', '/api/tickets'], ['orders', '/api/orders'], ['payments', '/api/payments'], ['payouts', '/api/payouts'],
    ['delivery', '/api/checkin'], ['delivery', '/api/orders'], ['delivery', '/api/tickets'],
  ] as const
).map(([service, prefix]) => ({
  service, route: `unknown routes under ${prefix}`, mayAccept: false,
  requests: () => fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH' as const), junkPathId, junkPathId)
    .map(([method, a, b]) => ({ method, url: `${prefix}/${a}/${b}`, headers: { cookie: 'session=x' } } satisfies InjectRequest)),
}));
