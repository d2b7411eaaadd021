import { cache } from 'react';
import type { EventDetail } from './types';
import { serverGet } from './server-api';

/** One fetch per request, shared by the page and its metadata. */
export const getEvent = cache((id: string) => serverGet<EventDetail>(`/api/events/${encodeURIComponent(id)}`));
