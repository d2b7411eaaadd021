import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTicket } from '@/lib/tickets';
import { getEvent } from '@/lib/events';
import { getCurrentUser } from '@/lib/current-user';
import { serverHead } from '@/lib/server-api';
import { formatPrice } from '@/lib/format';
import { PurchaseButton } from '@/components/PurchaseButton';
import { LoadError } from '@/components/LoadError';
import { CapBadge } from '@/components/CapBadge';
import { CancelledBadge, EventFacts } from '@/components/EventFacts';
import { TicketFileAttach } from '@/components/TicketFileAttach';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/tickets/[id]'>): Promise<Metadata> {
  const result = await getTicket((await params).id);
  return { title: result.kind === 'ok' ? result.data.title : 'Ticket' };
}

export default async function TicketPage({ params }: PageProps<'/tickets/[id]'>) {
  const { id } = await params;
  const [result, current] = await Promise.all([
    getTicket(id),
    getCurrentUser(),
  ]);
  if (result.kind === 'status' && result.status === 404) notFound();
  if (result.kind !== 'ok') return <LoadError what="this ticket" />;

  const ticket = result.data;
  // The event lives in catalog: if it can't be read, the ticket is still shown and buyable.
  const eventResult = ticket.eventId ? await getEvent(ticket.eventId) : null;
  const event = eventResult?.kind === 'ok' ? eventResult.data : null;
  // The seller's own listing: the file the buyer will get (delivery's; only its seller may read it).
  const isSeller = Boolean(current.known && current.user && current.user.id === ticket.userId);
  const file = isSeller ? await serverHead(`/api/tickets/${encodeURIComponent(ticket.id)}/file`) : null;
  return (
    <article className="card detail">
      <h1>{ticket.title}</h1>
      <p className="price price-large">{formatPrice(ticket.price)}</p>
      {ticket.faceValue !== undefined && (
        <p className="ticket-face">
          <span>Face value {formatPrice(ticket.faceValue)}</span>
          {ticket.capPercent !== undefined && <CapBadge capPercent={ticket.capPercent} />}
        </p>
      )}
      {event && (
        <section className="ticket-event" aria-labelledby="ticket-event-heading">
          <h2 id="ticket-event-heading">
            <Link href={`/events/${event.id}`}>{event.name}</Link> {event.status === 'cancelled' && <CancelledBadge />}
          </h2>
          <EventFacts event={event} />
        </section>
      )}
      {ticket.eventId && !event && <p className="muted">The event&apos;s details could not be loaded right now.</p>}
      {event?.status === 'cancelled' ? (
        <p className="notice notice-error">The event was cancelled, so this ticket is no longer for sale.</p>
      ) : (
        <>
          {ticket.reserved && <p className="muted">Someone has reserved this ticket; it may come back on sale.</p>}
          <PurchaseButton ticketId={ticket.id} signedIn={Boolean(current.known && current.user)} />
        </>
      )}
      {isSeller && (file?.kind === 'ok' || (file?.kind === 'status' && file.status === 404)) && (
        <TicketFileAttach
          ticketId={ticket.id}
          attached={file?.kind === 'ok' ? { contentType: file.headers.get('content-type'), size: sizeOf(file.headers) } : null}
        />
      )}
      {isSeller && file?.kind === 'unreachable' && <p className="muted">The ticket&apos;s file cannot be checked right now.</p>}
    </article>
  );
}

function sizeOf(headers: Headers): number | null {
  const length = Number(headers.get('content-length'));
  return Number.isFinite(length) && length > 0 ? length : null;
}
