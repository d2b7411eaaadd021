// An event the replica has not seen yet may be one a client has just created: its event:created is
// still on its way. A listing for it waits briefly (polling the replica) before "Unknown event".
import type { Queryable } from '@ticketing/common';
import { findEvent } from '../db/events.repository';

const pollEveryMs = 100;

/** True once the event is in the replica, false if it is still unknown after `waitMs`. */
export async function awaitEvent(db: Queryable, eventId: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await findEvent(db, eventId)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollEveryMs, left)));
  }
}
