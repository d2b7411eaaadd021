import Link from 'next/link';

/** `paged`: past the first page, "nothing here" means the list ran out, not that nothing is for sale. */
export function EmptyTickets({ paged }: { paged: boolean }) {
  if (paged) return <p className="muted">No more tickets.</p>;
  return (
    <p className="muted">
      No tickets for sale right now. <Link href="/tickets/new">Sell one</Link>
    </p>
  );
}
