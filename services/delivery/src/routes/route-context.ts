// What delivery's routes are given: the database and the shared context (keys, clock).
import type { Db } from '@ticketing/common';
import type { DeliveryContext } from '../workflows/delivery-context';

export interface RouteContext extends DeliveryContext {
  db: Db;
}
