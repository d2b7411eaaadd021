// The routing table: the same routes as the Kubernetes ingress.
export interface Upstreams {
  auth: string;
  tickets: string;
  orders: string;
  payments: string;
  web: string;
}

export const apiRoutes: Array<{ prefix: string; upstream: Exclude<keyof Upstreams, 'web'> }> = [
  { prefix: '/api/users', upstream: 'auth' },
  { prefix: '/api/tickets', upstream: 'tickets' },
  { prefix: '/api/orders', upstream: 'orders' },
  { prefix: '/api/payments', upstream: 'payments' },
];
