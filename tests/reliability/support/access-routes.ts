// Every route with its access rule (api.md) and what the owner's success looks like. `arrange`
// creates fresh resources belonging to `owner`; `accepted` checks an accepted request's answer and
// effect for the caller who made it (null: a caller who must count as signed out).
import { createHash, createHmac } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { expect } from 'vitest';
import { eventBody, pdfFile, type InjectRequest, type InjectResponse, type Marketplace, type ServiceName, type User } from './marketplace';

export type Access = 'public' | 'signed-in' | 'owner';

export interface AccessContext {
  market: Marketplace;
  owner: User;
  other: User;
  /** A third user who lists the tickets the owner buys. */
  seller: User;
}

export interface Arranged {
  request: InjectRequest;
  accepted?(response: InjectResponse, caller: User | null): Promise<void> | void;
}

export interface AccessRoute {
  service: ServiceName;
  route: string;
  access: Access;
  /** The status of an accepted request. */
  success: number;
  arrange(context: AccessContext): Promise<Arranged>;
}

const json = (response: InjectResponse) => JSON.parse(response.text);

async function ownersOrder({ market, owner, seller }: AccessContext) {
  const ticket = await market.listTicket(seller);
  return market.placeOrder(owner, ticket.id);
}

/** A ticket of `seller`'s bought and paid by `buyer`: a sale held in payouts. */
async function paidSale(market: Marketplace, seller: User, buyer: User) {
  const ticket = await market.listTicket(seller);
  const order = await market.placeOrder(buyer, ticket.id);
  await market.payOrder(buyer, order.id);
  return { ticket, order };
}

/**
 * A ticket of `seller`'s with its file attached, then bought and paid by `buyer`: delivered (the
 * file fixed, the buyer its holder, the buyer's pass issued). With `event`, listed for that event.
 */
export async function deliveredSale(market: Marketplace, seller: User, buyer: User, eventId?: string) {
  const ticket = await market.listTicket(seller, eventId ? { title: 'Door check', price: 20, eventId, faceValue: 20 } : undefined);
  const file = pdfFile();
  await market.attachFile(seller, ticket.id, file);
  const order = await market.placeOrder(buyer, ticket.id);
  await market.payOrder(buyer, order.id);
  return { ticket, order, file };
}

/** The pass delivery issued for the order (its token, as the buyer reads it). */
export async function passOf(market: Marketplace, orderId: string) {
  const rows = await market.dbs.delivery.query<{ id: string; token: string; checkedInBy: string | null; revokedReason: string | null }>(
    'SELECT id, token, checked_in_by AS "checkedInBy", revoked_reason AS "revokedReason" FROM passes WHERE order_id = $1', [orderId]);
  return rows[0];
}

/** The token's header and claims, verified against the platform's pass key. */
async function verifiedPass(market: Marketplace, token: string) {
  const key = await importJWK(market.deliveryKeys.pass.publicJwk, 'EdDSA');
  const { payload, protectedHeader } = await compactVerify(token, key);
  return { header: protectedHeader, claims: JSON.parse(new TextDecoder().decode(payload)) };
}

/** A ticket file answered as such: the seller's bytes, their type, as an attachment, never cached. */
function expectTicketFile(response: InjectResponse, file: Buffer) {
  expect(response.body.equals(file)).toBe(true);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="ticket-[0-9a-f-]+\.pdf"$/);
  expect(response.headers['cache-control']).toBe('private, no-store');
}

/**
 * A resale that sold, once per marketplace (its routes only read it): `seller`'s ticket bought by
 * the owner (generation 0), resold by the owner at 25, bought by a fresh buyer (generation 1).
 */
const resoldSales = new WeakMap<Marketplace, ReturnType<typeof sellResale>>();
async function sellResale({ market, owner, seller }: AccessContext) {
  const first = await deliveredSale(market, seller, owner);
  const resale = await market.resell(owner, first.ticket.id, 25);
  const nextBuyer = await market.signUp();
  const second = await market.placeOrder(nextBuyer, first.ticket.id);
  await market.payOrder(nextBuyer, second.id);
  return { ...first, resale, nextBuyer, secondOrder: second, firstPass: await passOf(market, first.order.id) };
}
export function resoldSale(context: AccessContext) {
  let sale = resoldSales.get(context.market);
  if (!sale) {
    sale = sellResale(context);
    resoldSales.set(context.market, sale);
  }
  return sale;
}

/** An event of the owner's (its organiser) and a ticket for it bought and paid by a fresh buyer: a pass to check in. */
async function passForOwnersEvent({ market, owner, seller }: AccessContext) {
  const event = await market.createEvent(owner);
  const buyer = await market.signUp();
  const sale = await deliveredSale(market, seller, buyer, event.id);
  return { event, buyer, ...sale, pass: await passOf(market, sale.order.id) };
}

async function orderStatus(market: Marketplace, orderId: string) {
  return (await market.dbs.orders.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0].status;
}

/** The caller's cookie no longer signs anyone in; then a fresh session replaces it in `caller`. */
async function expectRevokedThenSignIn(market: Marketplace, caller: User): Promise<void> {
  const current = await market.inject('auth', { method: 'GET', url: '/api/users/currentuser', headers: { cookie: caller.cookie } });
  expect(json(current).currentUser).toBeNull();
  const signin = await market.inject('auth', { method: 'POST', url: '/api/users/signin', payload: { email: caller.email, password: 'correct horse' } });
  const token = /session=([^;]+)/.exec(String(signin.headers['set-cookie']))![1];
  Object.assign(caller, { cookie: `session=${token}`, token });
}

export const accessRoutes: AccessRoute[] = [
  {
    service: 'auth', route: 'POST /api/users/signup', access: 'public', success: 201,
    async arrange() {
      const email = `rel-${crypto.randomUUID().slice(0, 12)}@example.com`;
      return {
        request: { method: 'POST', url: '/api/users/signup', payload: { email, password: 'correct horse' } },
        accepted: (response, caller) => {
          expect(json(response).email).toBe(email);
          if (caller) expect(json(response).id).not.toBe(caller.id);
        },
      };
    },
  },
  {
    service: 'auth', route: 'POST /api/users/signin', access: 'public', success: 200,
    async arrange({ owner }) {
      return {
        request: { method: 'POST', url: '/api/users/signin', payload: { email: owner.email, password: 'correct horse' } },
        accepted: (response) => expect(json(response)).toEqual({ id: owner.id, email: owner.email }),
      };
    },
  },
  {
    service: 'auth', route: 'POST /api/users/signout', access: 'public', success: 200,
    async arrange({ market }) {
      return {
        request: { method: 'POST', url: '/api/users/signout' },
        // Sign-out revokes the caller's session: it now reads as signed out; the caller signs in
        // again for the routes after this one.
        accepted: async (_response, caller) => { if (caller) await expectRevokedThenSignIn(market, caller); },
      };
    },
  },
  {
    service: 'auth', route: 'POST /api/users/signout-all', access: 'signed-in', success: 200,
    async arrange({ market }) {
      return {
        request: { method: 'POST', url: '/api/users/signout-all' },
        accepted: async (_response, caller) => { await expectRevokedThenSignIn(market, caller!); },
      };
    },
  },
  {
    service: 'auth', route: 'GET /api/users/currentuser', access: 'public', success: 200,
    async arrange() {
      return {
        request: { method: 'GET', url: '/api/users/currentuser' },
        // The one place a forged session would show: it must read as signed out.
        accepted: (response, caller) => expect(json(response).currentUser?.id ?? null).toBe(caller?.id ?? null),
      };
    },
  },
  {
    service: 'auth', route: 'GET /api/users/.well-known/jwks.json', access: 'public', success: 200,
    async arrange({ market }) {
      return {
        request: { method: 'GET', url: '/api/users/.well-known/jwks.json' },
        accepted: (response) => expect(json(response).keys.map((key: { kid: string }) => key.kid)).toEqual([market.signingKey.kid]),
      };
    },
  },
  {
    service: 'catalog', route: 'POST /api/events', access: 'signed-in', success: 201,
    async arrange() {
      const body = eventBody({ name: 'Access check' });
      return {
        request: { method: 'POST', url: '/api/events', payload: body },
        accepted: (response, caller) => expect(json(response)).toMatchObject({ ...body, status: 'scheduled', version: 0, userId: caller?.id }),
      };
    },
  },
  {
    service: 'catalog', route: 'GET /api/events', access: 'public', success: 200,
    async arrange({ market, owner }) {
      // A city of its own: the list holds only this event.
      const city = `Accessville ${crypto.randomUUID()}`;
      const event = await market.createEvent(owner, eventBody({ city }));
      return {
        request: { method: 'GET', url: `/api/events?city=${encodeURIComponent(city)}` },
        accepted: (response) => expect(json(response)).toEqual([expect.objectContaining({ id: event.id, userId: owner.id, availableTickets: 0, minPrice: null })]),
      };
    },
  },
  {
    service: 'catalog', route: 'GET /api/events/:id', access: 'public', success: 200,
    async arrange({ market, owner }) {
      const event = await market.createEvent(owner);
      return {
        request: { method: 'GET', url: `/api/events/${event.id}` },
        accepted: (response) => expect(json(response)).toMatchObject({ id: event.id, userId: owner.id, status: 'scheduled', tickets: [] }),
      };
    },
  },
  {
    service: 'catalog', route: 'PUT /api/events/:id', access: 'owner', success: 200,
    async arrange({ market, owner }) {
      const event = await market.createEvent(owner);
      const body = eventBody({ name: 'Changed', country: 'BE' });
      return {
        request: { method: 'PUT', url: `/api/events/${event.id}`, payload: body },
        accepted: (response) => expect(json(response)).toMatchObject({ ...body, id: event.id, userId: owner.id, version: event.version + 1 }),
      };
    },
  },
  {
    service: 'catalog', route: 'POST /api/events/:id/cancel', access: 'owner', success: 200,
    async arrange({ market, owner }) {
      const event = await market.createEvent(owner);
      return {
        request: { method: 'POST', url: `/api/events/${event.id}/cancel` },
        accepted: (response) => expect(json(response)).toMatchObject({ id: event.id, userId: owner.id, status: 'cancelled', version: event.version + 1 }),
      };
    },
  },
  {
    service: 'tickets', route: 'POST /api/tickets', access: 'signed-in', success: 201,
    async arrange() {
      return {
        request: { method: 'POST', url: '/api/tickets', payload: { title: 'Access check', price: 12 } },
        accepted: (response, caller) => expect(json(response).userId).toBe(caller?.id),
      };
    },
  },
  {
    service: 'tickets', route: 'GET /api/tickets', access: 'public', success: 200,
    async arrange({ market, owner }) {
      const ticket = await market.listTicket(owner);
      return {
        request: { method: 'GET', url: '/api/tickets?limit=100' },
        accepted: (response) => expect(json(response).map((listed: { id: string }) => listed.id)).toContain(ticket.id),
      };
    },
  },
  {
    service: 'tickets', route: 'GET /api/tickets/price-caps', access: 'public', success: 200,
    async arrange() {
      return {
        request: { method: 'GET', url: '/api/tickets/price-caps' },
        // RESALE_PRICE_CAPS's default, the marketplace's.
        accepted: (response) => expect(json(response)).toEqual({ default: 120, countries: { FR: 100, BE: 100, PT: 100, NO: 100, IE: 100 } }),
      };
    },
  },
  {
    service: 'tickets', route: 'GET /api/tickets/:id', access: 'public', success: 200,
    async arrange({ market, owner }) {
      const ticket = await market.listTicket(owner);
      return {
        request: { method: 'GET', url: `/api/tickets/${ticket.id}` },
        accepted: (response) => expect(json(response)).toMatchObject({ id: ticket.id, userId: owner.id }),
      };
    },
  },
  {
    service: 'tickets', route: 'PUT /api/tickets/:id', access: 'owner', success: 200,
    async arrange({ market, owner }) {
      const ticket = await market.listTicket(owner);
      return {
        request: { method: 'PUT', url: `/api/tickets/${ticket.id}`, payload: { title: 'Changed', price: 99 } },
        accepted: (response) => expect(json(response)).toMatchObject({ id: ticket.id, title: 'Changed', price: 99, version: ticket.version + 1 }),
      };
    },
  },
  {
    service: 'orders', route: 'POST /api/orders', access: 'signed-in', success: 201,
    async arrange({ market, seller }) {
      const ticket = await market.listTicket(seller);
      return {
        request: { method: 'POST', url: '/api/orders', payload: { ticketId: ticket.id } },
        accepted: (response, caller) => expect(json(response)).toMatchObject({ userId: caller?.id, status: 'created', ticket: { id: ticket.id } }),
      };
    },
  },
  {
    service: 'orders', route: 'GET /api/orders', access: 'signed-in', success: 200,
    async arrange(context) {
      const order = await ownersOrder(context);
      return {
        request: { method: 'GET', url: '/api/orders' },
        accepted: (response, caller) => {
          const orders: Array<{ id: string; userId: string }> = json(response);
          expect(orders.every((listed) => listed.userId === caller?.id)).toBe(true);
          if (caller?.id === context.owner.id) expect(orders.map((listed) => listed.id)).toContain(order.id);
          else expect(orders.map((listed) => listed.id)).not.toContain(order.id);
        },
      };
    },
  },
  {
    service: 'orders', route: 'GET /api/orders/:orderId', access: 'owner', success: 200,
    async arrange(context) {
      const order = await ownersOrder(context);
      return {
        request: { method: 'GET', url: `/api/orders/${order.id}` },
        accepted: (response) => expect(json(response)).toMatchObject({ id: order.id, userId: context.owner.id }),
      };
    },
  },
  {
    service: 'orders', route: 'DELETE /api/orders/:orderId', access: 'owner', success: 204,
    async arrange(context) {
      const order = await ownersOrder(context);
      return {
        request: { method: 'DELETE', url: `/api/orders/${order.id}` },
        accepted: async () => expect(await orderStatus(context.market, order.id)).toBe('cancelled'),
      };
    },
  },
  {
    service: 'payments', route: 'POST /api/payments', access: 'owner', success: 201,
    async arrange(context) {
      const order = await ownersOrder(context);
      return {
        request: { method: 'POST', url: '/api/payments', payload: { orderId: order.id, token: 'tok_visa' } },
        accepted: (response) => {
          expect(json(response)).toMatchObject({ orderId: order.id, amount: 2000, status: 'succeeded' });
          expect(context.market.sim.charges({ metadata: { orderId: order.id } })).toHaveLength(1);
        },
      };
    },
  },
  {
    // Stripe's signature, not a session, decides here: no session (real or forged) gets past it.
    service: 'payments', route: 'POST /api/payments/webhooks/stripe', access: 'public', success: 400,
    async arrange() {
      return { request: { method: 'POST', url: '/api/payments/webhooks/stripe', payload: { id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: {} } } } };
    },
  },
  {
    service: 'payouts', route: 'POST /api/payouts/onboarding', access: 'signed-in', success: 200,
    async arrange({ market }) {
      return {
        request: { method: 'POST', url: '/api/payouts/onboarding' },
        // The caller's own connected account, made once, recorded, and a link to the simulator's hosted page.
        accepted: async (response, caller) => {
          expect(json(response).url.startsWith(`${market.sim.url}/connect/onboarding/`)).toBe(true);
          const made = market.sim.accounts().filter((account) => account.metadata?.userId === caller!.id);
          expect(made).toHaveLength(1);
          const rows = await market.dbs.payouts.query('SELECT stripe_account_id AS "stripeAccountId" FROM accounts WHERE seller_id = $1', [caller!.id]);
          expect(rows).toEqual([{ stripeAccountId: made[0].id }]);
        },
      };
    },
  },
  {
    service: 'payouts', route: 'GET /api/payouts', access: 'signed-in', success: 200,
    async arrange({ market, owner, seller }) {
      // The owner sells here: `seller` buys the owner's ticket.
      const { ticket, order } = await paidSale(market, owner, seller);
      return {
        request: { method: 'GET', url: '/api/payouts' },
        accepted: (response, caller) => {
          const body = json(response);
          const orderIds = body.sales.map((sale: { orderId: string }) => sale.orderId);
          if (caller?.id === owner.id) {
            expect(body.sales).toContainEqual(expect.objectContaining({ orderId: order.id, ticketId: ticket.id, gross: 20, fee: 1, net: 19, state: 'held' }));
          } else {
            expect(orderIds).not.toContain(order.id);
          }
        },
      };
    },
  },
  {
    service: 'payouts', route: 'GET /api/payouts/orders/:orderId', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { order } = await paidSale(market, seller, owner);
      return {
        request: { method: 'GET', url: `/api/payouts/orders/${order.id}` },
        // The buyer's view: charged, then held.
        accepted: (response) => {
          const body = json(response);
          expect(body).toMatchObject({ orderId: order.id, state: 'held', gross: 20, currency: 'usd' });
          expect(body.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held']);
        },
      };
    },
  },
  {
    // As for payments: the Connect signature decides. An account.updated claiming the owner can be
    // paid, signed with a secret that is not payouts', is refused whatever session comes with it.
    service: 'payouts', route: 'POST /api/payouts/webhooks/stripe', access: 'public', success: 400,
    async arrange({ owner }) {
      const payload = JSON.stringify({
        id: `evt_forged_${crypto.randomUUID().slice(0, 8)}`, object: 'event', type: 'account.updated', account: 'acct_forged', created: Math.floor(Date.now() / 1000),
        data: { object: { id: 'acct_forged', object: 'account', payouts_enabled: true, metadata: { userId: owner.id } } },
      });
      const t = Math.floor(Date.now() / 1000);
      const signature = `t=${t},v1=${createHmac('sha256', 'whsec_not_the_secret').update(`${t}.${payload}`).digest('hex')}`;
      return { request: { method: 'POST', url: '/api/payouts/webhooks/stripe', payload, raw: true, headers: { 'content-type': 'application/json', 'stripe-signature': signature } } };
    },
  },
  {
    // The holder of a bought ticket lists it again (docs/ticket-delivery.md): its next generation.
    service: 'tickets', route: 'POST /api/tickets/:id/resale', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { ticket } = await paidSale(market, seller, owner);
      return {
        request: { method: 'POST', url: `/api/tickets/${ticket.id}/resale`, payload: { price: 25 } },
        accepted: async (response) => {
          expect(json(response)).toMatchObject({ id: ticket.id, price: 25, userId: owner.id, generation: 1 });
          const [row] = await market.dbs.tickets.query('SELECT user_id AS "userId", holder_id AS "holderId", order_id AS "orderId", generation FROM tickets WHERE id = $1', [ticket.id]);
          expect(row).toEqual({ userId: owner.id, holderId: null, orderId: null, generation: 1 });
          // ticket:updated reaches delivery: the reseller is now the ticket's seller there.
          await expect.poll(async () => market.dbs.delivery.query('SELECT seller_id AS "sellerId", generation FROM tickets WHERE id = $1', [ticket.id]))
            .toEqual([{ sellerId: owner.id, generation: 1 }]);
        },
      };
    },
  },
  {
    // The ticket's current seller attaches its file (raw bytes, their own type).
    service: 'delivery', route: 'PUT /api/tickets/:id/file', access: 'owner', success: 200,
    async arrange({ market, owner }) {
      const ticket = await market.listTicket(owner);
      const file = pdfFile();
      return {
        request: { method: 'PUT', url: `/api/tickets/${ticket.id}/file`, payload: file, raw: true, headers: { 'content-type': 'application/pdf' } },
        accepted: async (response) => {
          expect(json(response)).toEqual({ ticketId: ticket.id, contentType: 'application/pdf', size: file.length, sha256: createHash('sha256').update(file).digest('hex') });
          const rows = await market.dbs.delivery.query<{ uploadedBy: string; size: number; ciphertext: Buffer }>(
            'SELECT uploaded_by AS "uploadedBy", size, ciphertext FROM ticket_files WHERE ticket_id = $1', [ticket.id]);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({ uploadedBy: owner.id, size: file.length });
          // Encrypted at rest: the seller's bytes are nowhere in the row.
          expect(rows[0].ciphertext.includes(file.subarray(20, 60))).toBe(false);
        },
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/tickets/:id/file', access: 'owner', success: 200,
    async arrange({ market, owner }) {
      const ticket = await market.listTicket(owner);
      const file = pdfFile();
      await market.attachFile(owner, ticket.id, file);
      return {
        request: { method: 'GET', url: `/api/tickets/${ticket.id}/file` },
        accepted: (response) => expectTicketFile(response, file),
      };
    },
  },
  {
    // The buyer of a completed order downloads the seller's file.
    service: 'delivery', route: 'GET /api/orders/:id/ticket', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { order, file } = await deliveredSale(market, seller, owner);
      return {
        request: { method: 'GET', url: `/api/orders/${order.id}/ticket` },
        accepted: (response) => expectTicketFile(response, file),
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/orders/:id/pass', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { order, ticket } = await paidSale(market, seller, owner);
      return {
        request: { method: 'GET', url: `/api/orders/${order.id}/pass` },
        // A compact JWS of the platform's key naming this order, its ticket and its buyer.
        accepted: async (response) => {
          const body = json(response);
          expect(body).toMatchObject({ status: 'valid', generation: 0, ticketId: ticket.id });
          const { header, claims } = await verifiedPass(market, body.token);
          expect(header).toMatchObject({ alg: 'EdDSA', kid: market.deliveryKeys.pass.kid });
          expect(claims).toMatchObject({ iss: 'ticketing', oid: order.id, tid: ticket.id, hid: owner.id, gen: 0 });
        },
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/orders/:id/pass/qr.svg', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { order } = await paidSale(market, seller, owner);
      return {
        request: { method: 'GET', url: `/api/orders/${order.id}/pass/qr.svg` },
        accepted: (response) => {
          expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
          expect(response.text).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
        },
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/orders/:id/pass/pdf', access: 'owner', success: 200,
    async arrange({ market, owner, seller }) {
      const { order } = await paidSale(market, seller, owner);
      return {
        request: { method: 'GET', url: `/api/orders/${order.id}/pass/pdf` },
        accepted: (response) => {
          expect(response.headers['content-type']).toBe('application/pdf');
          expect(response.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          expect(response.headers['cache-control']).toBe('private, no-store');
        },
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/checkin/jwks.json', access: 'public', success: 200,
    async arrange({ market }) {
      return {
        request: { method: 'GET', url: '/api/checkin/jwks.json' },
        // The public half only.
        accepted: (response) => {
          const { keys } = json(response);
          expect(keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: market.deliveryKeys.pass.kid, x: market.deliveryKeys.pass.publicJwk.x })]);
          expect(keys[0]).not.toHaveProperty('d');
        },
      };
    },
  },
  {
    service: 'delivery', route: 'GET /api/checkin/revocations', access: 'public', success: 200,
    async arrange(context) {
      const { firstPass, ticket } = await resoldSale(context);
      return {
        request: { method: 'GET', url: '/api/checkin/revocations' },
        // The pass of the generation before the resale, revoked when the resale sold.
        accepted: (response) => expect(json(response).revoked).toContainEqual(expect.objectContaining({ jti: firstPass.id, ticketId: ticket.id, generation: 0, reason: 'resold' })),
      };
    },
  },
  {
    // Admitting a pass is the organiser's of the pass's event (the "owner" here); 401 before the token is looked at.
    service: 'delivery', route: 'POST /api/checkin/verify (checkIn: true)', access: 'owner', success: 200,
    async arrange(context) {
      const { market, owner } = context;
      const { event, ticket, order, pass } = await passForOwnersEvent(context);
      return {
        request: { method: 'POST', url: '/api/checkin/verify', payload: { token: pass.token, checkIn: true } },
        accepted: async (response) => {
          expect(json(response)).toEqual({ status: 'valid', ticketId: ticket.id, eventId: event.id, generation: 0, checkedInAt: expect.any(String) });
          expect(await passOf(market, order.id)).toMatchObject({ checkedInBy: owner.id, revokedReason: 'checked-in' });
        },
      };
    },
  },
  {
    // Only verifying is anyone's: the verdict, and the pass not admitted.
    service: 'delivery', route: 'POST /api/checkin/verify (checkIn: false)', access: 'public', success: 200,
    async arrange({ market, owner, seller }) {
      const { order, ticket } = await paidSale(market, seller, owner);
      const pass = await passOf(market, order.id);
      return {
        request: { method: 'POST', url: '/api/checkin/verify', payload: { token: pass.token, checkIn: false } },
        accepted: async (response) => {
          expect(json(response)).toEqual({ status: 'valid', ticketId: ticket.id, generation: 0 });
          expect(await passOf(market, order.id)).toMatchObject({ checkedInBy: null, revokedReason: null });
        },
      };
    },
  },
];
