// Where this service's SQL migrations live (the service and the scheduler tests both apply them).
import { fileURLToPath } from 'node:url';

export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));
