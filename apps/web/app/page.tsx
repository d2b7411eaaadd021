import Link from 'next/link';
import type { EventSummary, Ticket } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { nextCursor } from '@/lib/link-header';
import { eventsPath } from '@/lib/events-path';
import { singleParam } from '@/lib/query-string';
import { TicketList } from '@/components/TicketList';
import { EmptyTickets } from '@/components/EmptyTickets';
import { EventList } from '@/components/EventList';
import { EventSearchForm } from '@/components/EventSearchForm';
import { Pager } from '@/components/Pager';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';

// The landing page shows a short list of the newest listings; /tickets has them all.
const NEWEST_TICKETS = 20;

export default async function LandingPage({ searchParams }: PageProps<'/'>) {
  const params = await searchParams;
  const q = singleParam(params.q)?.trim() || undefined;
  const city = singleParam(params.city)?.trim() || undefined;
  const after = singleParam(params.after);
  const filtered = Boolean(q || city || after);
  // Listings without an event (the seed's kind) are only reachable here, so they show unless the
  // visitor is searching or paging through events.
  const [events, tickets] = await Promise.all([
    serverGet<EventSummary[]>(eventsPath({ q, city, after })),
    filtered ? null : serverGet<Ticket[]>(`/api/tickets?limit=${NEWEST_TICKETS}`),
  ]);

  return (
    <>
      <h1>Tickets for sale</h1>
      <section className="section" aria-labelledby="events-heading">
        <h2 id="events-heading">{q || city ? 'Events found' : 'Upcoming events'}</h2>
        <EventSearchForm q={q} city={city} />
        {events.kind === 'ok' ? (
          <>
            {events.data.length > 0 ? (
              <EventList events={events.data} />
            ) : (
              <p className="muted">{noEventsText(Boolean(q || city), Boolean(after))}</p>
            )}
            <Pager next={nextCursor(events.headers.get('link'))} paged={Boolean(after)} keep={{ q, city }} label="More events" />
          </>
        ) : events.kind === 'status' && events.status === 400 ? (
          <p className="notice notice-error" role="alert">
            That search could not be run. Try fewer or shorter words.
          </p>
        ) : (
          <LoadError what="events" />
        )}
        <p>
          <Link href="/events/new">Add an event</Link>
        </p>
      </section>

      {tickets && (
        <section className="section" aria-labelledby="newest-heading">
          <h2 id="newest-heading">Newest tickets</h2>
          {tickets.kind !== 'ok' ? (
            <LoadError what="tickets" />
          ) : tickets.data.length > 0 ? (
            <>
              <TicketList tickets={tickets.data} />
              <p>
                <Link href="/tickets">All tickets</Link>
              </p>
            </>
          ) : (
            <EmptyTickets paged={false} />
          )}
        </section>
      )}
    </>
  );
}

function noEventsText(searching: boolean, paged: boolean): string {
  if (paged) return 'No more events.';
  return searching ? 'No upcoming events match that search.' : 'No upcoming events yet.';
}
