import Link from 'next/link';
import type { EventSummary } from '@/lib/types';
import { formatAvailability, formatEventDate, formatPrice } from '@/lib/format';

export function EventList({ events }: { events: EventSummary[] }) {
  return (
    <ul className="card-list" aria-label="Events">
      {events.map((event) => (
        <li key={event.id} className="card event-card">
          <Link href={`/events/${event.id}`} className="ticket-title event-name">
            {event.name}
          </Link>
          <p className="event-when">
            <time dateTime={event.startsAt}>{formatEventDate(event.startsAt)}</time>
          </p>
          <p className="event-where">
            {event.venue}, {event.city}
          </p>
          <p className="event-offer">
            <span>{formatAvailability(event.availableTickets)}</span>
            {event.minPrice !== null && <span className="price">from {formatPrice(event.minPrice)}</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}
