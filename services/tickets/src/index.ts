export { createTicketsService, type TicketsServiceDeps } from './app';
export { ticketsConfigSchema, type TicketsConfig } from './config';
