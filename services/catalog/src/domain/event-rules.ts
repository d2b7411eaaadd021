// Rules about an event's status (pure). Cancelled is final: never edited, never scheduled again.
import type { EventStatus } from './event-json';

export function canEdit(event: { status: EventStatus }): boolean {
  return event.status === 'scheduled';
}

/** Cancelling a cancelled event changes nothing and publishes nothing. */
export function isCancelled(event: { status: EventStatus }): boolean {
  return event.status === 'cancelled';
}
