// An onDue for tests that records when each order fired (and can fail on purpose first).
import type { OnDue } from '../../src/scheduler/scheduler.port';

export interface FireRecorder {
  onDue: OnDue;
  /** Successful fires: order id and the wall-clock time (ms) it fired. */
  fires: Array<{ orderId: string; at: number }>;
  /** Calls of onDue, including failed ones. */
  calls: Map<string, number>;
  count(orderId: string): number;
}

export function fireRecorder(options: { failTimes?: Map<string, number> } = {}): FireRecorder {
  const fires: FireRecorder['fires'] = [];
  const calls = new Map<string, number>();
  return {
    fires, calls,
    async onDue(orderId) {
      const call = (calls.get(orderId) ?? 0) + 1;
      calls.set(orderId, call);
      if (call <= (options.failTimes?.get(orderId) ?? 0)) throw new Error(`simulated failure ${call} for ${orderId}`);
      fires.push({ orderId, at: Date.now() });
    },
    count: (orderId) => fires.filter((fire) => fire.orderId === orderId).length,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
