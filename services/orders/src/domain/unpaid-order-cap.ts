// One user may hold only so many unpaid orders at once (config MAX_ACTIVE_ORDERS_PER_USER, default
// 10): each holds a ticket off the market for the whole window, and without a cap one account could
// keep any number of tickets reserved, re-reserving each as it expires.
import { BadRequest } from '@ticketing/common';

export const defaultMaxActiveOrdersPerUser = 10;

export function checkUnpaidOrderCap(unpaid: number, max: number): void {
  if (unpaid >= max) {
    throw new BadRequest(`You cannot hold more than ${max} unpaid orders at once: pay for or cancel one first`);
  }
}
