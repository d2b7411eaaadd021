// Every route with its access rule (api.md) and what the owner's success looks like. `arrange`
// creates fresh resources belonging to `owner`; `accepted` checks an accepted request's answer and
// effect for the caller who made it (null: a caller who must count as signed out).
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { eventBody, type InjectRequest, type InjectResponse, type Marketplace, type ServiceName, type User } from './marketplace';

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
];
