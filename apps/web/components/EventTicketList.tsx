import Link from 'next/link';
import type { Ticket } from '@/lib/types';
import { formatPrice } from '@/lib/format';
import { CapBadge } from './CapBadge';

/** An event's listings, in the API's order (cheapest first), each with what it was printed at. */
export function EventTicketList({ tickets }: { tickets: Ticket[] }) {
  return (
    <ul className="card-list" aria-label="Tickets for this event">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="card listing-card">
          <Link href={`/tickets/${ticket.id}`} className="ticket-title">
            {ticket.title}
          </Link>
          <span className="listing-meta">
            {ticket.faceValue !== undefined && <span className="muted">Face value {formatPrice(ticket.faceValue)}</span>}
            {ticket.capPercent !== undefined && <CapBadge capPercent={ticket.capPercent} />}
            <span className="price">{formatPrice(ticket.price)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
