import type { Metadata } from 'next';
import { requireUser } from '@/lib/require-user';
import { getEvent } from '@/lib/events';
import type { PriceCaps } from '@/lib/price-cap';
import { serverGet } from '@/lib/server-api';
import { singleParam } from '@/lib/query-string';
import type { MarketEvent } from '@/lib/types';
import { TicketForm } from '@/components/TicketForm';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sell a ticket' };

export default async function NewTicketPage({ searchParams }: PageProps<'/tickets/new'>) {
  const eventId = singleParam((await searchParams).eventId);
  const [user, event, capsResult] = await Promise.all([
    requireUser(), eventId ? getEvent(eventId) : null, serverGet<PriceCaps>('/api/tickets/price-caps'),
  ]);
  // An event that cannot be read (unknown, or catalog away) just isn't pre-picked.
  const initialEvent: MarketEvent | null = event?.kind === 'ok' && event.data.status === 'scheduled' ? withoutListings(event.data) : null;
  // The caps tickets enforces; if it cannot be asked, the form lists without a hint (the API still decides).
  const caps = capsResult.kind === 'ok' ? capsResult.data : null;
  return (
    <section className="narrow">
      <h1>Sell a ticket</h1>
      {user ? <TicketForm initialEvent={initialEvent} caps={caps} /> : <LoadError what="your account" />}
    </section>
  );
}

/** Only the event itself goes to the browser, not its listings. */
function withoutListings(event: MarketEvent): MarketEvent {
  const { id, name, venue, city, country, startsAt, status, version, userId } = event;
  return { id, name, venue, city, country, startsAt, status, version, userId };
}
