// Which events a ticket can be listed for (pure): a scheduled event that has not started yet.
export interface ListableEvent {
  status: 'scheduled' | 'cancelled';
  /** ISO-8601 instant. */
  startsAt: string;
}

/** Why no ticket can be listed for the event now (a 400 on eventId), or null when one can. */
export function listingRefusal(event: ListableEvent, now: Date): string | null {
  if (event.status === 'cancelled') return 'Event is cancelled';
  if (new Date(event.startsAt).getTime() <= now.getTime()) return 'Event has already started';
  return null;
}
