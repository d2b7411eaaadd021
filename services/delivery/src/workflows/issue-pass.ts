// Issuing the pass of a completed order, under the ticket's replica lock so that two generations'
// completions (or an upload) of one ticket apply one after the other: the order is recorded, its
// pass signed — already revoked if a later generation sold first or the order was refunded — and
// every older generation's pass revoked as 'resold'.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@ticketing/common';
import { findPassOfOrder, insertPass, revokeOlderGenerations } from '../db/passes.repository';
import { insertCompletedOrder, latestSoldGeneration, lockTicket, wasRefunded } from '../db/replicas.repository';
import { signPass } from '../domain/pass-token';
import type { DeliveryContext } from './delivery-context';

export interface CompletedOrder { orderId: string; buyerId: string; ticketId: string; generation: number }

export async function issuePass(tx: Tx, ctx: DeliveryContext, order: CompletedOrder): Promise<'issued' | 'duplicate' | 'unknown-ticket'> {
  const ticket = await lockTicket(tx, order.ticketId);
  if (!ticket) return 'unknown-ticket';
  if (await findPassOfOrder(tx, order.orderId)) return 'duplicate';
  const now = ctx.now();
  const refunded = await wasRefunded(tx, order.orderId);
  const newest = await latestSoldGeneration(tx, order.ticketId);
  await insertCompletedOrder(tx, { id: order.orderId, ticketId: order.ticketId, buyerId: order.buyerId, generation: order.generation, completedAt: now, refunded });
  const pass = {
    id: randomUUID(), orderId: order.orderId, ticketId: order.ticketId, eventId: ticket.eventId ?? undefined,
    holderId: order.buyerId, generation: order.generation, issuedAt: now,
  };
  const token = await signPass(ctx.keys.pass, pass);
  const revokedReason = refunded ? 'refunded' as const : newest !== undefined && newest > order.generation ? 'resold' as const : undefined;
  await insertPass(tx, { ...pass, eventId: ticket.eventId, token, revokedReason });
  await revokeOlderGenerations(tx, order.ticketId, order.generation, now);
  return 'issued';
}
