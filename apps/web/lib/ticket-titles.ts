import type { Ticket } from './types';
import { serverGet } from './server-api';

/**
 * The titles of the tickets behind a seller's sales (payouts knows only their ids). A ticket
 * that can't be read is left out; the page names it generically rather than failing.
 */
export async function ticketTitles(ticketIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ticketIds)];
  const found = await Promise.all(unique.map((id) => serverGet<Ticket>(`/api/tickets/${encodeURIComponent(id)}`)));
  const titles = new Map<string, string>();
  found.forEach((result, index) => {
    if (result.kind === 'ok' && typeof result.data.title === 'string') titles.set(unique[index], result.data.title);
  });
  return titles;
}
