// The orders process's environment: the shared variables plus the reservation window.
import { z } from 'zod';
import { baseConfigShape, env } from '@ticketing/common';

export const ordersConfigSchema = z.object({
  ...baseConfigShape('orders'),
  /** How long an order holds its ticket before expiration cancels it. */
  ORDER_EXPIRATION_SECONDS: env.int(900),
});
export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
