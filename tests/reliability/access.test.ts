// R7 (quality.md): every route × {anonymous, owner, other user, forged sessions}. The status codes
// of api.md (401 signed out or forged on signed-in routes, 403 another user on owner routes, the
// success status for the owner), and a rejected request reads or changes nothing of anyone's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRoutes, deliveredSale, passOf, resoldSale, type AccessContext, type AccessRoute } from './support/access-routes';
import { errorBodyProblem } from './support/error-body';
import { forgedCookie, forgedKinds, type ForgedKind } from './support/forged-sessions';
import { pdfFile, startMarketplace, type Marketplace, type User } from './support/marketplace';
import { settledSnapshot, snapshot } from './support/snapshot';

type Identity = 'anonymous' | 'owner' | 'other user' | ForgedKind;
const identities: Identity[] = ['anonymous', 'owner', 'other user', ...forgedKinds];

/** api.md's answer for the identity; the identity's user if it counts as signed in. */
function expectedStatus(route: AccessRoute, identity: Identity): number {
  if (route.access === 'public' || identity === 'owner') return route.success;
  if (identity === 'other user') return route.access === 'owner' ? 403 : route.success;
  return 401;
}

async function orderStatus(market: Marketplace, orderId: string): Promise<string> {
  return (await market.dbs.orders.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0].status;
}

describe('R7 access to every route', () => {
  let context: AccessContext;

  beforeAll(async () => {
    const market = await startMarketplace();
    context = { market, owner: await market.signUp(), other: await market.signUp(), seller: await market.signUp() };
  });
  afterAll(async () => { await context?.market.close(); });

  async function cookieOf(identity: Identity): Promise<{ cookie?: string; caller: User | null }> {
    if (identity === 'anonymous') return { caller: null };
    if (identity === 'owner') return { cookie: context.owner.cookie, caller: context.owner };
    if (identity === 'other user') return { cookie: context.other.cookie, caller: context.other };
    // Forged as the owner (the tampered one from the other user's real token): worth most to an attacker.
    return { cookie: await forgedCookie(identity, context.owner, context.other, context.market.signingKey), caller: null };
  }

  for (const route of accessRoutes) {
    describe(`${route.service}: ${route.route} (${route.access})`, () => {
      for (const identity of identities) {
        const status = expectedStatus(route, identity);
        it(`${identity} → ${status}`, async () => {
          const { market } = context;
          const arranged = await route.arrange(context);
          const { cookie, caller } = await cookieOf(identity);
          const before = await settledSnapshot(market);
          const response = await market.inject(route.service, {
            ...arranged.request, headers: { ...arranged.request.headers, ...(cookie ? { cookie } : {}) },
          });

          expect(response.status, response.text).toBe(status);
          if (status >= 400) {
            expect(errorBodyProblem(response)).toBeNull();
            // Nothing read (no resource in the answer) and nothing changed, Stripe included.
            expect(response.text).not.toMatch(/"(id|userId|orderId)"/);
            expect(await settledSnapshot(market)).toEqual(before);
          } else {
            await arranged.accepted?.(response, caller);
          }
        });
      }
    });
  }

  it('another user cannot pay for the owner\'s order: 403 and no charge at Stripe', async () => {
    const { market, owner, other, seller } = context;
    const ticket = await market.listTicket(seller);
    const order = await market.placeOrder(owner, ticket.id);
    const before = await settledSnapshot(market);
    const response = await market.inject('payments', {
      method: 'POST', url: '/api/payments', headers: { cookie: other.cookie, 'idempotency-key': 'steal-1' }, payload: { orderId: order.id, token: 'tok_visa' },
    });
    expect(response.status).toBe(403);
    expect(market.sim.paymentIntents({ metadata: { orderId: order.id } })).toEqual([]);
    expect(await snapshot(market)).toEqual(before);
  });

  it('the seller of the owner\'s order reads its payout too; the other user neither reads nor lists it', async () => {
    const { market, owner, other, seller } = context;
    const ticket = await market.listTicket(seller);
    const order = await market.placeOrder(owner, ticket.id);
    await market.payOrder(owner, order.id);
    const asSeller = await market.inject('payouts', { method: 'GET', url: `/api/payouts/orders/${order.id}`, headers: { cookie: seller.cookie } });
    expect(asSeller.status).toBe(200);
    expect(JSON.parse(asSeller.text)).toMatchObject({ orderId: order.id, state: 'held', gross: 20 });
    const asOther = await market.inject('payouts', { method: 'GET', url: `/api/payouts/orders/${order.id}`, headers: { cookie: other.cookie } });
    expect(asOther.status).toBe(403);
    const listed = await market.inject('payouts', { method: 'GET', url: '/api/payouts', headers: { cookie: other.cookie } });
    expect(JSON.parse(listed.text).sales.map((sale: { orderId: string }) => sale.orderId)).not.toContain(order.id);
  });

  it('once the owner\'s resale sells, the owner neither downloads the ticket nor holds a valid pass, nor resells again; the next buyer gets the same file', async () => {
    const { market, owner } = context;
    const { ticket, order, file, nextBuyer, secondOrder, firstPass } = await resoldSale(context);
    const download = await market.inject('delivery', { method: 'GET', url: `/api/orders/${order.id}/ticket`, headers: { cookie: owner.cookie } });
    expect(download.status).toBe(403);
    expect(errorBodyProblem(download)).toBeNull();
    expect(JSON.parse(download.text).errors[0].message).toMatch(/resold/i);
    // The reseller still reads their pass, revoked; a scanner's verdict says so.
    const pass = await market.inject('delivery', { method: 'GET', url: `/api/orders/${order.id}/pass`, headers: { cookie: owner.cookie } });
    expect(JSON.parse(pass.text)).toMatchObject({ token: firstPass.token, status: 'revoked', reason: 'resold', generation: 0 });
    const verdict = await market.inject('delivery', { method: 'POST', url: '/api/checkin/verify', payload: { token: firstPass.token, checkIn: false } });
    expect(JSON.parse(verdict.text)).toMatchObject({ status: 'revoked', reason: 'resold', ticketId: ticket.id, generation: 0 });
    const again = await market.inject('tickets', { method: 'POST', url: `/api/tickets/${ticket.id}/resale`, headers: { cookie: owner.cookie }, payload: { price: 30 } });
    expect(again.status).toBe(403);
    const taken = await market.inject('delivery', { method: 'GET', url: `/api/orders/${secondOrder.id}/ticket`, headers: { cookie: nextBuyer.cookie } });
    expect(taken.status).toBe(200);
    expect(taken.body.equals(file)).toBe(true);
    const next = await market.inject('delivery', { method: 'GET', url: `/api/orders/${secondOrder.id}/pass`, headers: { cookie: nextBuyer.cookie } });
    expect(JSON.parse(next.text)).toMatchObject({ status: 'valid', generation: 1, ticketId: ticket.id });
  });

  it('once delivered, the seller can neither replace the file (409) nor take the buyer\'s order (403); a second scan of a pass is revoked, checked-in', async () => {
    const { market, owner, seller } = context;
    const event = await market.createEvent(owner);
    const { ticket, order, file } = await deliveredSale(market, seller, context.other, event.id);
    const before = await settledSnapshot(market);
    const replaced = await market.inject('delivery', {
      method: 'PUT', url: `/api/tickets/${ticket.id}/file`, headers: { cookie: seller.cookie, 'content-type': 'application/pdf' }, payload: pdfFile(), raw: true,
    });
    expect(replaced.status).toBe(409);
    const sellerTakes = await market.inject('delivery', { method: 'GET', url: `/api/orders/${order.id}/ticket`, headers: { cookie: seller.cookie } });
    expect(sellerTakes.status).toBe(403);
    expect(await settledSnapshot(market)).toEqual(before);
    const kept = await market.inject('delivery', { method: 'GET', url: `/api/orders/${order.id}/ticket`, headers: { cookie: context.other.cookie } });
    expect(kept.body.equals(file)).toBe(true);
    const { token } = await passOf(market, order.id);
    const scan = (cookie: string) => market.inject('delivery', { method: 'POST', url: '/api/checkin/verify', headers: { cookie }, payload: { token } });
    expect(JSON.parse((await scan(owner.cookie)).text)).toMatchObject({ status: 'valid', checkedInAt: expect.any(String) });
    expect(JSON.parse((await scan(owner.cookie)).text)).toMatchObject({ status: 'revoked', reason: 'checked-in' });
  });

  it('another user\'s edit leaves the ticket as it was, and the owner can still edit it', async () => {
    const { market, owner, other } = context;
    const ticket = await market.listTicket(owner, { title: 'Original', price: 30 });
    const denied = await market.inject('tickets', { method: 'PUT', url: `/api/tickets/${ticket.id}`, headers: { cookie: other.cookie }, payload: { title: 'Hijacked', price: 1 } });
    expect(denied.status).toBe(403);
    const shown = await market.inject('tickets', { method: 'GET', url: `/api/tickets/${ticket.id}` });
    expect(JSON.parse(shown.text)).toMatchObject({ title: 'Original', price: 30, userId: owner.id, version: ticket.version });
    const allowed = await market.inject('tickets', { method: 'PUT', url: `/api/tickets/${ticket.id}`, headers: { cookie: owner.cookie }, payload: { title: 'Renamed', price: 31 } });
    expect(allowed.status).toBe(200);
  });

  it('another user cannot cancel the owner\'s event: 403, its listing and its buyer\'s order untouched, and the owner still can', async () => {
    const { market, owner, other, seller } = context;
    const event = await market.createEvent(owner);
    const ticket = await market.listTicket(seller, { title: 'Front row', price: 40, eventId: event.id, faceValue: 40 });
    const order = await market.placeOrder(other, ticket.id);
    const before = await settledSnapshot(market);
    const denied = await market.inject('catalog', { method: 'POST', url: `/api/events/${event.id}/cancel`, headers: { cookie: other.cookie } });
    expect(denied.status).toBe(403);
    expect(await settledSnapshot(market)).toEqual(before);
    const shown = await market.inject('catalog', { method: 'GET', url: `/api/events/${event.id}` });
    expect(JSON.parse(shown.text)).toMatchObject({ status: 'scheduled', version: event.version });
    expect(await orderStatus(market, order.id)).toBe('created');
    const allowed = await market.inject('catalog', { method: 'POST', url: `/api/events/${event.id}/cancel`, headers: { cookie: owner.cookie } });
    expect(allowed.status).toBe(200);
  });
});
