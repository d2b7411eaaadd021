// The tickets process's environment: only the variables every service shares.
import { z } from 'zod';
import { baseConfigShape } from '@ticketing/common';

export const ticketsConfigSchema = z.object({ ...baseConfigShape('tickets') });
export type TicketsConfig = z.infer<typeof ticketsConfigSchema>;
