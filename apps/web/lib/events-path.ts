import { queryString } from './query-string';

export interface EventQuery {
  q?: string;
  city?: string;
  after?: string;
  limit?: number;
}

/** GET /api/events with only the parameters that are set (used by SSR and the browser). */
export function eventsPath(query: EventQuery): string {
  return `/api/events${queryString({ q: query.q, city: query.city, after: query.after, limit: query.limit })}`;
}
