// R6 (quality.md): generated bodies, headers, path ids and query strings at every route of auth,
// catalog, tickets, orders, payments, payouts and delivery. Only 4xx with the error body (2xx allowed
// on read-only routes, and a forged pass's `forged` verdict), no 5xx, and no stored data changes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCases, signedForgeries, unknownRouteCases, type Fixture, type RouteCase } from './support/bad-requests';
import { errorBodyProblem } from './support/error-body';
import { eventBody, pdfFile, startMarketplace, type InjectRequest, type Marketplace, type ServiceName } from './support/marketplace';
import { settledSnapshot, snapshot, type Snapshot } from './support/snapshot';

const RUNS_PER_ROUTE = 150;

describe('R6 bad input at every route', () => {
  let market: Marketplace;
  let fixture: Fixture;
  let atRest: Snapshot;

  beforeAll(async () => {
    market = await startMarketplace();
    const [seller, buyer, stranger] = [await market.signUp(), await market.signUp(), await market.signUp()];
    const available = await market.listTicket(seller);
    const reserved = await market.listTicket(seller);
    const order = await market.placeOrder(buyer, reserved.id);
    const event = await market.createEvent(seller, eventBody({ country: 'FR' }));
    // A listing for the event, so that catalog's availability and event pages have a row to show.
    await market.listTicket(seller, { title: 'Front row', price: 40, eventId: event.id, faceValue: 40 });
    const cancelled = await market.createEvent(seller, eventBody({ name: 'Called Off', country: 'DE' }));
    await market.cancelEvent(seller, cancelled.id);
    // A sale held in payouts, and the seller's connected account (so a further onboarding writes nothing).
    const paid = await market.placeOrder(buyer, (await market.listTicket(seller)).id);
    await market.payOrder(buyer, paid.id);
    await market.startOnboarding(seller);
    // A ticket for the seller's event, its file attached, then bought and paid by the buyer: delivered,
    // the buyer its holder (who may resell it, within France's cap of its face value 40) with a pass.
    const delivered = await market.listTicket(seller, { title: 'Delivered', price: 40, eventId: event.id, faceValue: 40 });
    await market.attachFile(seller, delivered.id, pdfFile('delivered'));
    const deliveredOrder = await market.placeOrder(buyer, delivered.id);
    await market.payOrder(buyer, deliveredOrder.id);
    const [{ token: passToken }] = await market.dbs.delivery.query<{ token: string }>('SELECT token FROM passes WHERE order_id = $1', [deliveredOrder.id]);
    fixture = {
      seller, buyer, stranger, availableTicketId: available.id, reservedTicketId: reserved.id, orderId: order.id,
      eventId: event.id, eventCountry: event.country, cancelledEventId: cancelled.id, paidOrderId: paid.id, connectWebhookSecret: market.connectWebhookSecret,
      deliveredTicketId: delivered.id, deliveredOrderId: deliveredOrder.id, passToken,
      signedForgeries: await signedForgeries(passToken, market.deliveryKeys.pass, stranger),
    };
    atRest = await settledSnapshot(market);
  });
  afterAll(async () => { await market?.close(); });

  /** Sends one bad request and checks the answer and the data; returns a description of what went wrong. */
  async function problemWith(routeCase: RouteCase, request: InjectRequest): Promise<string | null> {
    const response = await market.inject(routeCase.service, request);
    if (response.status >= 500) return `${response.status} ${response.text}`;
    if (response.status >= 400) {
      const bodyProblem = errorBodyProblem(response);
      if (bodyProblem) return `${response.status}: ${bodyProblem}`;
    } else if (!routeCase.mayAccept) {
      return `accepted with ${response.status} ${response.text.slice(0, 200)}`;
    } else {
      const answerProblem = routeCase.acceptedProblem?.(response);
      if (answerProblem) return answerProblem;
    }
    const after = await snapshot(market);
    const changed = Object.keys(after).filter((key) => after[key] !== atRest[key]);
    return changed.length ? `data changed: ${changed.join(', ')}` : null;
  }

  for (const routeCase of [...routeCases, ...unknownRouteCases]) {
    it(`${routeCase.service}: ${routeCase.route}`, async () => {
      await fc.assert(fc.asyncProperty(routeCase.requests(fixture), async (request) => {
        expect(await problemWith(routeCase, request)).toBeNull();
      }), { numRuns: RUNS_PER_ROUTE });
    });
  }

  // Inputs that once failed here (fixed): kept as fixed cases so they run every time.
  const regressions: Array<{ what: string; service: ServiceName; status: number; field?: string; request: (f: Fixture) => InjectRequest }> = [
    {
      what: 'NUL in a new ticket title (was 500 from the INSERT)', service: 'tickets', status: 400, field: 'title',
      request: (f) => ({ method: 'POST', url: '/api/tickets', headers: { cookie: f.seller.cookie }, payload: { title: 'a\u0000b', price: 10 } }),
    },
    {
      what: 'NUL in an edited ticket title (was 500)', service: 'tickets', status: 400, field: 'title',
      request: (f) => ({ method: 'PUT', url: `/api/tickets/${f.availableTicketId}`, headers: { cookie: f.seller.cookie }, payload: { title: '\u0000', price: 10 } }),
    },
    {
      what: 'NUL in a payment token (was 500 from the attempt INSERT)', service: 'payments', status: 400, field: 'token',
      request: (f) => ({ method: 'POST', url: '/api/payments', headers: { cookie: f.buyer.cookie }, payload: { orderId: f.orderId, token: 'tok_\u0000visa' } }),
    },
    {
      what: 'broken percent-encoding in a path id (was 400 with Fastify\'s own body)', service: 'tickets', status: 404,
      request: () => ({ method: 'GET', url: '/api/tickets/%E0%A4%A' }),
    },
    {
      what: 'broken percent-encoding in an order id (was 400 with Fastify\'s own body)', service: 'orders', status: 404,
      request: (f) => ({ method: 'DELETE', url: '/api/orders/%zz', headers: { cookie: f.buyer.cookie } }),
    },
    {
      what: 'a path id over the router\'s length limit (was 414 with Fastify\'s own body)', service: 'orders', status: 404,
      request: (f) => ({ method: 'GET', url: `/api/orders/${'x'.repeat(2_000)}`, headers: { cookie: f.buyer.cookie } }),
    },
  ];
  for (const regression of regressions) {
    it(`regression: ${regression.what}`, async () => {
      const response = await market.inject(regression.service, regression.request(fixture));
      expect(response.status).toBe(regression.status);
      expect(errorBodyProblem(response)).toBeNull();
      if (regression.field) expect(JSON.parse(response.text).errors).toContainEqual(expect.objectContaining({ field: regression.field }));
      expect(await snapshot(market)).toEqual(atRest);
    });
  }

  it('answers 413 with the error body to a body over 64 KiB at every POST and PUT route', async () => {
    const huge = { ...eventBody({ name: 'x'.repeat(70 * 1024) }), title: 'x'.repeat(70 * 1024), price: 10, email: 'a@b.co', password: 'x'.repeat(70 * 1024) };
    // The seller's own cookie on the seller's event: only the body's size may stop these.
    const targets = [
      ['auth', 'POST', '/api/users/signup'], ['auth', 'POST', '/api/users/signin'], ['catalog', 'POST', '/api/events'],
      ['catalog', 'PUT', `/api/events/${fixture.eventId}`], ['catalog', 'POST', `/api/events/${fixture.eventId}/cancel`], ['tickets', 'POST', '/api/tickets'],
      ['tickets', 'PUT', `/api/tickets/${fixture.availableTicketId}`], ['orders', 'POST', '/api/orders'],
      ['payments', 'POST', '/api/payments'], ['payments', 'POST', '/api/payments/webhooks/stripe'],
      ['payouts', 'POST', '/api/payouts/onboarding'], ['payouts', 'POST', '/api/payouts/webhooks/stripe'],
      ['tickets', 'POST', `/api/tickets/${fixture.deliveredTicketId}/resale`], ['delivery', 'POST', '/api/checkin/verify'],
    ] as const;
    for (const [service, method, url] of targets) {
      const response = await market.inject(service, { method, url, headers: { cookie: fixture.seller.cookie }, payload: huge });
      expect(response.status, `${method} ${url}`).toBe(413);
      expect(errorBodyProblem(response), `${method} ${url}`).toBeNull();
    }
    expect(await snapshot(market)).toEqual(atRest);
  });

  it('answers 413 with the error body to a ticket file over 2 MiB (2 MiB + 1), whatever its type, and keeps no part of it', async () => {
    const MiB2 = 2 * 1024 * 1024;
    const types: Array<[string, Buffer]> = [
      ['application/pdf', Buffer.from('%PDF-1.7\n')], ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff])],
      ['text/plain', Buffer.from('A')], ['application/octet-stream', Buffer.alloc(0)],
    ];
    for (const [contentType, magic] of types) {
      const bytes = Buffer.concat([magic, Buffer.alloc(MiB2 + 1 - magic.length, 0x41)]);
      const response = await market.inject('delivery', {
        method: 'PUT', url: `/api/tickets/${fixture.availableTicketId}/file`, headers: { cookie: fixture.seller.cookie, 'content-type': contentType }, payload: bytes, raw: true,
      });
      expect(response.status, contentType).toBe(413);
      expect(errorBodyProblem(response), contentType).toBeNull();
    }
    expect(await snapshot(market)).toEqual(atRest);
  });
});
