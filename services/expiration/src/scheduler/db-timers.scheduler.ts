// The kernel's database timers scheduler on expiration's timers table (order_id, fire_at).
import { DbTimersScheduler as KernelDbTimersScheduler, type DbTimersSchedulerOptions as KernelOptions } from '@ticketing/common';

export type DbTimersSchedulerOptions = Omit<KernelOptions, 'table'>;

export class DbTimersScheduler extends KernelDbTimersScheduler {
  constructor(options: DbTimersSchedulerOptions) {
    super({ ...options, table: { table: 'timers', keyColumn: 'order_id' } });
  }
}
