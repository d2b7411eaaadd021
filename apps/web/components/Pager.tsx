import Link from 'next/link';
import { queryString } from '@/lib/query-string';

interface Props {
  next: string | null;
  paged: boolean;
  /** The page the links lead to (default the landing page). */
  path?: string;
  /** Filters the links keep (search, city), so the next page is the next page of the same list. */
  keep?: Record<string, string | undefined>;
  label?: string;
}

/** Cursor pagination: the API only knows "next", so going back means starting over. */
export function Pager({ next, paged, path = '/', keep = {}, label = 'Pagination' }: Props) {
  if (!next && !paged) return null;
  return (
    <nav className="pager" aria-label={label}>
      {paged && <Link href={`${path}${queryString(keep)}`}>First page</Link>}
      {next && <Link href={`${path}${queryString({ ...keep, after: next })}`}>Next page</Link>}
    </nav>
  );
}
