import type { EventDetail, Sale, Ticket } from './types';
import type { SaleEvent } from './sale-state';
import { serverGet } from './server-api';

export interface SaleDetails {
  /** Ticket titles by ticket id. */
  titles: Map<string, string>;
  /** Event names, starts and statuses by event id. */
  events: Map<string, SaleEvent & { name: string }>;
}

/**
 * The tickets and events behind a seller's sales (payouts knows only their ids), each asked once.
 * One that can't be read is left out: the page words the sale without it rather than failing.
 */
export async function saleDetails(sales: Pick<Sale, 'ticketId' | 'eventId'>[]): Promise<SaleDetails> {
  const ticketIds = [...new Set(sales.map((sale) => sale.ticketId))];
  const eventIds = [...new Set(sales.flatMap((sale) => (sale.eventId ? [sale.eventId] : [])))];
  const [tickets, events] = await Promise.all([
    Promise.all(ticketIds.map((id) => serverGet<Ticket>(`/api/tickets/${encodeURIComponent(id)}`))),
    Promise.all(eventIds.map((id) => serverGet<EventDetail>(`/api/events/${encodeURIComponent(id)}`))),
  ]);
  const details: SaleDetails = { titles: new Map(), events: new Map() };
  tickets.forEach((result, index) => {
    if (result.kind === 'ok' && typeof result.data.title === 'string') details.titles.set(ticketIds[index], result.data.title);
  });
  events.forEach((result, index) => {
    if (result.kind !== 'ok') return;
    const { name, startsAt, status } = result.data;
    details.events.set(eventIds[index], { name, startsAt, status });
  });
  return details;
}
