/**
 * Reads the `after` cursor from a `Link: <...?after=...>; rel="next"` header.
 * Returns null when there is no next page.
 */
export function nextCursor(linkHeader: string | null): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!match || !/rel="?next"?/.test(match[2])) continue;
    // The target may be relative ("/api/tickets?after=…"), so resolve against a dummy base.
    const after = new URL(match[1], 'http://x').searchParams.get('after');
    if (after) return after;
  }
  return null;
}
