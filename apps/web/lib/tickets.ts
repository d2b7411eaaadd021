import { cache } from 'react';
import type { Ticket } from './types';
import { serverGet } from './server-api';

/** One fetch per request, shared by the page and its metadata. */
export const getTicket = cache((id: string) => serverGet<Ticket>(`/api/tickets/${encodeURIComponent(id)}`));
