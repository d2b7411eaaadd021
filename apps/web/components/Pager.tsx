import Link from 'next/link';

interface Props {
  next: string | null;
  paged: boolean;
}

/** Cursor pagination: the API only knows "next", so going back means starting over. */
export function Pager({ next, paged }: Props) {
  if (!next && !paged) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      {paged && <Link href="/">First page</Link>}
      {next && <Link href={`/?after=${encodeURIComponent(next)}`}>Next page</Link>}
    </nav>
  );
}
