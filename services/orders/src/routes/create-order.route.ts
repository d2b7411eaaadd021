// POST /api/orders — a buyer reserves a ticket for the window; publishes order:created.
// The database decides between concurrent buyers (partial unique index): exactly one wins. The order
// records the ticket's terms as the buyer sees them now; tickets refuses it if they changed meanwhile.
// A buyer holds at most `maxActiveOrders` unpaid orders (counted under a per-user lock). A ticket that
// is withdrawn, or whose event orders knows is cancelled, is no longer for sale (issue 15).
// The order is for the generation the replica holds (issue 17): one reserving order per (ticket,
// generation), so a ticket its buyer resold can be ordered again; its seller is the replica's
// current one (the reseller), who cannot buy it, and whom order:created names.
import { BadRequest, isPgError, NotFound, PgError, requireAuth, requireUser, type Db, type HttpApp, type Tx } from '@ticketing/common';
import { z } from 'zod';
import { insertReservingOrder, lockAndCountUnpaidOrders, type OrderWithTicket } from '../db/orders.repository';
import { isEventCancelled, lockEventForOrdering } from '../db/cancelled-events.repository';
import { findReplica, type TicketReplica } from '../db/tickets.repository';
import { idPattern } from '../domain/ids';
import { orderCreatedData } from '../domain/order-events';
import { toOrderJson } from '../domain/order-json';
import { checkUnpaidOrderCap } from '../domain/unpaid-order-cap';

const body = z.object({
  ticketId: z.string({ error: (issue) => (issue.input === undefined ? 'ticketId is required' : 'ticketId must be a valid id') })
    .regex(idPattern, { error: 'ticketId must be a valid id' }),
});

export interface CreateOrderDeps {
  db: Db;
  now: () => Date;
  expirationSeconds: number;
  maxActiveOrders: number;
}

export function registerCreateOrder(app: HttpApp, deps: CreateOrderDeps): void {
  app.post('/api/orders', { onRequest: requireAuth, schema: { body } }, async (request, reply) => {
    const user = requireUser(request);
    const expiresAt = new Date(deps.now().getTime() + deps.expirationSeconds * 1000);
    const order = await reserve(deps.db, { userId: user.id, ticketId: request.body.ticketId, expiresAt, maxActiveOrders: deps.maxActiveOrders });
    return reply.code(201).send(toOrderJson(order));
  });
}

const NO_LONGER_FOR_SALE = 'Ticket is no longer for sale';

/**
 * Withdrawn, or its event cancelled (the replica may not have heard of the withdrawal yet). Holds
 * the event's lock to the end of the transaction, so a cancellation committing meanwhile either
 * sees this order or is seen by this check (cancelled-events.repository.ts).
 */
async function assertForSale(tx: Tx, ticket: TicketReplica): Promise<void> {
  if (ticket.withdrawn) throw new BadRequest(NO_LONGER_FOR_SALE);
  if (!ticket.eventId) return;
  await lockEventForOrdering(tx, ticket.eventId);
  if (await isEventCancelled(tx, ticket.eventId)) throw new BadRequest(NO_LONGER_FOR_SALE);
}

async function reserve(db: Db, request: { userId: string; ticketId: string; expiresAt: Date; maxActiveOrders: number }): Promise<OrderWithTicket> {
  try {
    return await db.transaction(async (tx) => {
      const ticket = await findReplica(tx, request.ticketId);
      if (!ticket) throw new NotFound('Ticket not found');
      await assertForSale(tx, ticket);
      if (ticket.userId === request.userId) throw new BadRequest('You cannot buy your own ticket');
      checkUnpaidOrderCap(await lockAndCountUnpaidOrders(tx, request.userId), request.maxActiveOrders);
      const terms = { id: ticket.id, title: ticket.title, priceCents: ticket.priceCents, version: ticket.version, generation: ticket.generation };
      const order = await insertReservingOrder(tx, { userId: request.userId, ticket: terms, expiresAt: request.expiresAt });
      if (!order) throw new BadRequest('Ticket is already reserved');
      await tx.publish('order:created', orderCreatedData(order, ticket.userId));
      return order;
    });
  } catch (error) {
    // The index is the last word even if a write slips past ON CONFLICT's inference.
    if (isPgError(error, PgError.uniqueViolation)) throw new BadRequest('Ticket is already reserved');
    throw error;
  }
}
