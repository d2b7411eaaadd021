// order:created → insert the order into the replica (a redelivery inserts nothing).
import { consumer } from '@ticketing/common';
import { insertOrder } from '../db/orders.repository';
import { priceInCents } from '../domain/order-payability';

export const orderCreatedConsumer = consumer({
  subject: 'order:created',
  async handle({ data }, tx) {
    await insertOrder(tx, { id: data.id, userId: data.userId, priceCents: priceInCents(data.ticket.price), expiresAt: new Date(data.expiresAt) });
  },
});
