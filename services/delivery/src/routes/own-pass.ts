// The pass of an order, for its buyer only (403 for anyone else or before completion).
import { Forbidden, NotFound, requireUser, type Db } from '@ticketing/common';
import type { FastifyRequest } from 'fastify';
import { findPassOfOrder, type PassRow } from '../db/passes.repository';
import { findCompletedOrder } from '../db/replicas.repository';
import { mayReadOrder } from '../domain/holding';
import { isUuid } from '../domain/ids';

export async function ownPass(db: Db, request: FastifyRequest, orderId: string): Promise<PassRow> {
  const user = requireUser(request);
  if (!isUuid(orderId)) throw new NotFound('Order not found');
  const order = await findCompletedOrder(db, orderId);
  const verdict = mayReadOrder(order, user.id);
  if (!verdict.allowed) throw new Forbidden(verdict.message);
  const pass = await findPassOfOrder(db, orderId);
  if (!pass) throw new Forbidden('This order is not complete, or not yours');
  return pass;
}

export function passJson(pass: PassRow) {
  return {
    token: pass.token,
    status: pass.revokedReason ? 'revoked' as const : 'valid' as const,
    ...(pass.revokedReason ? { reason: pass.revokedReason } : {}),
    generation: pass.generation,
    ticketId: pass.ticketId,
    ...(pass.eventId ? { eventId: pass.eventId } : {}),
    ...(pass.checkedInAt ? { checkedInAt: new Date(pass.checkedInAt).toISOString() } : {}),
  };
}
