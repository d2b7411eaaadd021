// order:created → which ticket an order is for, who buys it, at what price, and who sells it: the
// seller of the generation ordered (issue 17), the reseller of a resold ticket.
import { consumer } from '@ticketing/common';
import { insertOrder } from '../db/replicas.repository';
import { toCents } from '../domain/money';

export const orderCreated = consumer({
  subject: 'order:created',
  async handle({ data }, tx) {
    await insertOrder(tx, {
      id: data.id, ticketId: data.ticket.id, buyerId: data.userId, priceCents: toCents(data.ticket.price),
      sellerId: data.ticket.sellerId ?? null,
    });
  },
});
