import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getEvent } from '@/lib/events';
import { getCurrentUser } from '@/lib/current-user';
import { EventFacts, CancelledBadge } from '@/components/EventFacts';
import { EventTicketList } from '@/components/EventTicketList';
import { EventOwnerActions } from '@/components/EventOwnerActions';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/events/[id]'>): Promise<Metadata> {
  const result = await getEvent((await params).id);
  return { title: result.kind === 'ok' ? result.data.name : 'Event' };
}

export default async function EventPage({ params }: PageProps<'/events/[id]'>) {
  const { id } = await params;
  const [result, current] = await Promise.all([getEvent(id), getCurrentUser()]);
  if (result.kind === 'status' && result.status === 404) notFound();
  if (result.kind !== 'ok') return <LoadError what="this event" />;

  const event = result.data;
  const cancelled = event.status === 'cancelled';
  const started = Date.parse(event.startsAt) <= Date.now();
  const isCreator = current.known && current.user?.id === event.userId;
  return (
    <>
      <article className="card detail event-detail">
        <h1>{event.name}</h1>
        {cancelled && (
          <p>
            <CancelledBadge /> <span className="muted">This event was cancelled; buyers are refunded.</span>
          </p>
        )}
        <EventFacts event={event} />
        {isCreator && !cancelled && <EventOwnerActions eventId={event.id} />}
      </article>

      <section className="section" aria-labelledby="event-tickets-heading">
        <h2 id="event-tickets-heading">Tickets</h2>
        {cancelled ? (
          <p className="muted">Its tickets are no longer for sale.</p>
        ) : event.tickets.length > 0 ? (
          <EventTicketList tickets={event.tickets} />
        ) : (
          <p className="muted">No tickets for sale for this event right now.</p>
        )}
        {!cancelled && !started && (
          <p>
            <Link href={`/tickets/new?eventId=${encodeURIComponent(event.id)}`}>Sell a ticket for this event</Link>
          </p>
        )}
      </section>
    </>
  );
}
