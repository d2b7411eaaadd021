// order:created → which ticket an order is for, who buys it, and at what price.
import { consumer } from '@ticketing/common';
import { insertOrder } from '../db/replicas.repository';
import { toCents } from '../domain/money';

export const orderCreated = consumer({
  subject: 'order:created',
  async handle({ data }, tx) {
    await insertOrder(tx, { id: data.id, ticketId: data.ticket.id, buyerId: data.userId, priceCents: toCents(data.ticket.price) });
  },
});
