// The orders process's environment: the shared variables plus the reservation window and the cap
// on unpaid orders per user.
import { z } from 'zod';
import { baseConfigShape, env } from '@ticketing/common';
import { defaultMaxActiveOrdersPerUser } from './domain/unpaid-order-cap';

export const ordersConfigSchema = z.object({
  ...baseConfigShape('orders'),
  /** How long an order holds its ticket before expiration cancels it. */
  ORDER_EXPIRATION_SECONDS: env.int(900),
  /** Unpaid orders one user may hold at once; one more is 400. */
  MAX_ACTIVE_ORDERS_PER_USER: env.int(defaultMaxActiveOrdersPerUser),
});
export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
