/**
 * `?a=1&b=x` from the parameters that have a value (empty strings and undefined are left out),
 * or '' when none has: the API and our pages treat a missing parameter and an empty one alike.
 */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') search.set(key, text);
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}

/** A page's search parameter as one string: Next.js gives string[] for a repeated one. */
export function singleParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
