// Issue 15 through the real stack (infra mode, the gateway): an event's cancellation makes every
// buyer whole while they are paying. Sellers list 50 tickets for one event, 50 buyers reserve them,
// 10 pay; then 50 payments (the 40 unpaid orders' and a second one from each buyer who paid) race
// the organiser's POST /api/events/:id/cancel. Once settled, every order is `refunded` (it was
// paid) or `cancelled` (never charged, or charged and refunded), each says why, no ticket of the
// event is for sale, no order was charged twice, and the money audit is clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { readProvider, stripeClient } from '@ticketing/audit';
import { startInfraStack, type BenchUser, type InfraStack } from '../../bench/support/infra-stack';
import { auditStack } from '../../bench/support/money-audit';
import { queryDb, waitForOrdersReplica } from '../../bench/support/seed';

const TICKETS = 50;
const PAID_BEFORE = 10;
const SELLERS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an event cancelled while its buyers pay', () => {
  let stack: InfraStack;
  beforeAll(async () => { stack = await startInfraStack(); }, 120_000);
  afterAll(async () => { await stack?.stop(); }, 120_000);

  const call = async (user: BenchUser, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method, headers: { cookie: user.cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const pay = (buyer: BenchUser, orderId: string) => call(buyer, 'POST', '/api/payments', { orderId, token: 'tok_visa' });

  it(`${TICKETS} buyers, ${PAID_BEFORE} paid, ${TICKETS} payments racing the cancellation: every order refunded or never charged`, async () => {
    const organiser = await stack.newUser();
    const event = await call(organiser, 'POST', '/api/events', {
      name: 'Farewell tour', venue: 'Arena', city: 'Berlin', country: 'DE', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(event.status, JSON.stringify(event.json)).toBe(201);
    const eventId: string = event.json.id;

    const sellers = await Promise.all(Array.from({ length: SELLERS }, () => stack.newUser()));
    const tickets: Array<{ id: string; price: number }> = [];
    for (let n = 0; n < TICKETS; n++) {
      const price = 30 + n;
      const listed = await call(sellers[n % SELLERS], 'POST', '/api/tickets', { title: `Farewell tour, seat ${n + 1}`, price, eventId, faceValue: price });
      expect(listed.status, JSON.stringify(listed.json)).toBe(201);
      expect(listed.json).toMatchObject({ eventId, faceValue: price, capPercent: 120 });
      tickets.push({ id: listed.json.id, price });
    }
    await waitForOrdersReplica(stack, tickets.map((ticket) => ticket.id));

    const buyers = await Promise.all(tickets.map(() => stack.newUser()));
    const orders = await Promise.all(tickets.map(async (ticket, n) => {
      const created = await call(buyers[n], 'POST', '/api/orders', { ticketId: ticket.id });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      return { n, buyer: buyers[n], id: created.json.id as string, ticket };
    }));
    // Payments must know every order before anyone pays (else 404): its replica, from order:created.
    await waitFor(async () => {
      const [{ known }] = await queryDb<{ known: number }>(stack.databaseUrls.payments,
        'SELECT count(*)::int AS known FROM orders WHERE id = ANY($1::uuid[])', [orders.map((order) => order.id)]);
      return known === orders.length;
    }, { timeoutMs: 60_000, what: 'payments knows every order' });

    const paidBefore = orders.slice(0, PAID_BEFORE);
    for (const order of paidBefore) {
      const paid = await pay(order.buyer, order.id);
      expect(paid.status, JSON.stringify(paid.json)).toBe(201);
      expect(paid.json.amount).toBe(Math.round(order.ticket.price * 100));
    }
    await waitFor(async () => {
      const statuses = await Promise.all(paidBefore.map(async (order) => (await call(order.buyer, 'GET', `/api/orders/${order.id}`)).json.status));
      return statuses.every((status) => status === 'complete');
    }, { timeoutMs: 30_000, what: 'the paid orders complete' });

    // The race: every buyer pays (the paid ones a second time), spread over 600 ms; the organiser
    // cancels 400 ms in, so some payments reach orders before the cancellation and some after.
    const payments = orders.map((order) => sleep((order.n * 37) % 600).then(() => pay(order.buyer, order.id)));
    const cancel = sleep(400).then(() => call(organiser, 'POST', `/api/events/${eventId}/cancel`));
    const [cancelled, ...answers] = await Promise.all([cancel, ...payments]);
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(cancelled.json).toMatchObject({ id: eventId, status: 'cancelled', version: 1 });
    for (const [n, answer] of answers.entries()) {
      if (n < PAID_BEFORE) {
        // Already paid: never a second charge, whichever way the cancellation went.
        expect(answer.status, JSON.stringify(answer.json)).toBe(400);
        expect(['Order is already paid', 'Cannot pay for a cancelled order']).toContain(answer.json.errors[0].message);
      } else {
        expect([201, 400], JSON.stringify(answer.json)).toContain(answer.status);
        if (answer.status === 400) expect(answer.json.errors[0].message).toBe('Cannot pay for a cancelled order');
      }
    }

    // Settled: every order ended, and the money audit has nothing left to find (refunds made).
    const finals = await waitFor(async () => {
      const all = await Promise.all(orders.map(async (order) => (await call(order.buyer, 'GET', `/api/orders/${order.id}`)).json));
      return all.every((order) => order.status === 'refunded' || order.status === 'cancelled') ? all : undefined;
    }, { timeoutMs: 60_000, what: 'every order refunded or cancelled' });
    const audit = await waitFor(async () => {
      const report = await auditStack(stack);
      return report.findings.length === 0 ? report : undefined;
    }, { timeoutMs: 60_000, what: 'a clean money audit' }).catch(async () => auditStack(stack));
    expect(audit.findings, audit.text).toEqual([]);

    const provider = await readProvider(stripeClient({ secretKey: 'sk_test_audit', apiBase: stack.stripeApiBase }));
    const outcomes = { refunded: 0, 'cancelled, never charged': 0, 'cancelled, charged and refunded': 0 };
    for (const [n, final] of finals.entries()) {
      expect(final.cancelReason, `order ${final.id}`).toBe('event-cancelled');
      const charges = provider.charges.filter((charge) => charge.orderId === final.id && charge.status === 'succeeded');
      expect(charges.length, `order ${final.id} charged at most once`).toBeLessThanOrEqual(1);
      for (const charge of charges) {
        expect(charge.amount).toBe(Math.round(orders[n].ticket.price * 100));
        expect(charge.amountRefunded, `charge ${charge.id} refunded in full`).toBe(charge.amount);
      }
      if (final.status === 'refunded') {
        expect(charges, `refunded order ${final.id} was paid`).toHaveLength(1);
        outcomes.refunded++;
      } else {
        outcomes[charges.length === 0 ? 'cancelled, never charged' : 'cancelled, charged and refunded']++;
      }
    }
    // The orders paid before the race were complete when the event was cancelled.
    for (const final of finals.slice(0, PAID_BEFORE)) expect(final.status).toBe('refunded');
    console.info(`event cancellation race: ${JSON.stringify(outcomes)}; ${audit.text}`);
    expect(audit.sales).toEqual(expect.objectContaining({ refunded: outcomes.refunded }));

    // Nothing of the event is for sale: not listed, not in the event page, not orderable.
    const listed = await call(organiser, 'GET', `/api/tickets?eventId=${eventId}`);
    expect(listed).toEqual({ status: 200, json: [] });
    const shown = await call(organiser, 'GET', `/api/events/${eventId}`);
    expect(shown.json).toMatchObject({ status: 'cancelled', availableTickets: 0, tickets: [] });
    const latecomer = await stack.newUser();
    for (const ticket of tickets) {
      const refused = await call(latecomer, 'POST', '/api/orders', { ticketId: ticket.id });
      expect(refused.status, JSON.stringify(refused.json)).toBe(400);
      expect(refused.json.errors[0].message).toBe('Ticket is no longer for sale');
    }
  }, 280_000);
});
