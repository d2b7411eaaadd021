// The routing table: the same routes as the Kubernetes ingress.
export interface Upstreams {
  auth: string;
  tickets: string;
  orders: string;
  payments: string;
  catalog: string;
  payouts: string;
  web: string;
}

export interface ApiRoute {
  prefix: string;
  upstream: Exclude<keyof Upstreams, 'web'>;
  /** Largest request body in bytes (default: the gateway's, 64 KiB); e.g. a file-upload route's own. */
  bodyLimit?: number;
}

export const apiRoutes: ApiRoute[] = [
  { prefix: '/api/users', upstream: 'auth' },
  { prefix: '/api/tickets', upstream: 'tickets' },
  { prefix: '/api/orders', upstream: 'orders' },
  { prefix: '/api/payments', upstream: 'payments' },
  { prefix: '/api/events', upstream: 'catalog' },
  { prefix: '/api/payouts', upstream: 'payouts' },
];
