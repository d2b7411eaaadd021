// What delivery's consumers, routes and workers share: its keys and its clock.
import type { Logger } from '@ticketing/common';
import type { DeliveryKeys } from '../keys/delivery-keys';

export interface DeliveryContext {
  keys: DeliveryKeys;
  now: () => Date;
  logger: Logger;
}
