import type { Metadata } from 'next';
import { requireUser } from '@/lib/require-user';
import { getEvent } from '@/lib/events';
import { parsePriceCaps } from '@/lib/price-cap';
import { singleParam } from '@/lib/query-string';
import type { MarketEvent } from '@/lib/types';
import { TicketForm } from '@/components/TicketForm';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sell a ticket' };

export default async function NewTicketPage({ searchParams }: PageProps<'/tickets/new'>) {
  const eventId = singleParam((await searchParams).eventId);
  const [user, event] = await Promise.all([requireUser(), eventId ? getEvent(eventId) : null]);
  // An event that cannot be read (unknown, or catalog away) just isn't pre-picked.
  const initialEvent: MarketEvent | null = event?.kind === 'ok' && event.data.status === 'scheduled' ? withoutListings(event.data) : null;
  // The same setting (and default) the tickets service enforces, so the hint is the rule.
  const caps = parsePriceCaps(process.env.RESALE_PRICE_CAPS);
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
