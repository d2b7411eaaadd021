import type { Ticket } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { nextCursor } from '@/lib/link-header';
import { TicketList } from '@/components/TicketList';
import { EmptyTickets } from '@/components/EmptyTickets';
import { Pager } from '@/components/Pager';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';

function ticketsPath(after: string | undefined): string {
  return after ? `/api/tickets?after=${encodeURIComponent(after)}` : '/api/tickets';
}

export default async function LandingPage({ searchParams }: PageProps<'/'>) {
  const { after } = await searchParams;
  const cursor = typeof after === 'string' && after !== '' ? after : undefined;
  const result = await serverGet<Ticket[]>(ticketsPath(cursor));
  if (result.kind !== 'ok') {
    return (
      <>
        <h1>Tickets for sale</h1>
        <LoadError what="tickets" />
      </>
    );
  }
  const tickets = result.data;
  return (
    <>
      <h1>Tickets for sale</h1>
      {tickets.length > 0 ? <TicketList tickets={tickets} /> : <EmptyTickets paged={Boolean(cursor)} />}
      <Pager next={nextCursor(result.headers.get('link'))} paged={Boolean(cursor)} />
    </>
  );
}
