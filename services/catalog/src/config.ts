// The catalog process's environment: only the variables every service shares.
import { z } from 'zod';
import { baseConfigShape } from '@ticketing/common';

export const catalogConfigSchema = z.object({ ...baseConfigShape('catalog') });
export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
