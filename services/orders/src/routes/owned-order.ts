// The access rule shared by GET and DELETE /api/orders/:orderId: 404 (malformed id too), then 403.
import { Forbidden, NotFound } from '@ticketing/common';
import { isId } from '../domain/ids';

export const orderNotFound = () => new NotFound('Order not found');

export function assertKnownId(orderId: string): void {
  if (!isId(orderId)) throw orderNotFound();
}

export function assertOwnedBy<T extends { userId: string }>(order: T | undefined, userId: string): asserts order is T {
  if (!order) throw orderNotFound();
  if (order.userId !== userId) throw new Forbidden('You do not own this order');
}
