import type { MarketEvent } from '@/lib/types';
import { formatEventDate } from '@/lib/format';

/** Where and when, and whether it is still on: shared by the event and ticket pages. */
export function EventFacts({ event }: { event: MarketEvent }) {
  return (
    <dl className="facts">
      <div>
        <dt>When</dt>
        <dd>
          <time dateTime={event.startsAt}>{formatEventDate(event.startsAt)}</time>
        </dd>
      </div>
      <div>
        <dt>Venue</dt>
        <dd>{event.venue}</dd>
      </div>
      <div>
        <dt>City</dt>
        <dd>
          {event.city}, {event.country}
        </dd>
      </div>
    </dl>
  );
}

export function CancelledBadge() {
  return <span className="badge badge-danger">Cancelled</span>;
}
