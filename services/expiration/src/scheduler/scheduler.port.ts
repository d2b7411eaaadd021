// Expiration's use of the kernel's scheduler port (packages/common/src/scheduler): a timer per
// order, keyed by the order id, that fires when the order's time is up.
import type { Scheduler } from '@ticketing/common';

export type { OnDue } from '@ticketing/common';
export type ExpiryScheduler = Scheduler;
