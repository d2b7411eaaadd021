import type { Metadata } from 'next';
import Link from 'next/link';
import type { Ticket } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { nextCursor } from '@/lib/link-header';
import { queryString, singleParam } from '@/lib/query-string';
import { TicketList } from '@/components/TicketList';
import { EmptyTickets } from '@/components/EmptyTickets';
import { Pager } from '@/components/Pager';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'All tickets' };

const SORTS = [
  { value: 'newest', label: 'Newest' },
  { value: 'price', label: 'Cheapest' },
  { value: 'startsAt', label: 'Soonest event' },
] as const;

type Sort = (typeof SORTS)[number]['value'];

export default async function AllTicketsPage({ searchParams }: PageProps<'/tickets'>) {
  const params = await searchParams;
  const after = singleParam(params.after);
  const sort: Sort = SORTS.find((s) => s.value === singleParam(params.sort))?.value ?? 'newest';
  // The default order is left to the API (newest first), so the seed's query stays the seed's.
  const apiSort = sort === 'newest' ? undefined : sort;
  const result = await serverGet<Ticket[]>(`/api/tickets${queryString({ sort: apiSort, after })}`);
  return (
    <>
      <h1>All tickets</h1>
      <nav className="sort-links" aria-label="Sort tickets">
        {SORTS.map((s) =>
          s.value === sort ? (
            <span key={s.value} aria-current="page">
              {s.label}
            </span>
          ) : (
            <Link key={s.value} href={`/tickets${queryString({ sort: s.value === 'newest' ? undefined : s.value })}`}>
              {s.label}
            </Link>
          ),
        )}
      </nav>
      {result.kind !== 'ok' ? (
        <LoadError what="tickets" />
      ) : (
        <>
          {result.data.length > 0 ? <TicketList tickets={result.data} /> : <EmptyTickets paged={Boolean(after)} />}
          <Pager next={nextCursor(result.headers.get('link'))} paged={Boolean(after)} path="/tickets" keep={{ sort: apiSort }} />
        </>
      )}
    </>
  );
}
