import Link from 'next/link';
import type { Ticket } from '@/lib/types';
import { formatPrice } from '@/lib/format';
import { CapBadge } from './CapBadge';

export function TicketList({ tickets }: { tickets: Ticket[] }) {
  return (
    <ul className="card-list">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="card ticket-card">
          <Link href={`/tickets/${ticket.id}`} className="ticket-title">
            {ticket.title}
          </Link>
          <span className="ticket-offer">
            {ticket.capPercent !== undefined && ticket.faceValue !== undefined && <CapBadge capPercent={ticket.capPercent} />}
            <span className="price">{formatPrice(ticket.price)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
