// The routing table: the same routes as the Kubernetes ingress (infra/k8s/ingress.yaml). A prefix
// may hold parameters (`/api/tickets/:id/file`): the router prefers it to a shorter prefix's
// wildcard whatever the order, so a service can own a path below another service's resource.
export interface Upstreams {
  auth: string;
  tickets: string;
  orders: string;
  payments: string;
  catalog: string;
  payouts: string;
  delivery: string;
  web: string;
}

export interface ApiRoute {
  prefix: string;
  upstream: Exclude<keyof Upstreams, 'web'>;
  /** Largest request body in bytes (default: the gateway's, 64 KiB); e.g. a file-upload route's own. */
  bodyLimit?: number;
  /** Media types of a request body (default: application/json only, as every service takes). */
  contentTypes?: readonly string[];
}

/** The media types of a JSON API body, the default of every /api route. */
export const jsonOnly: readonly string[] = ['application/json'];

/** A ticket file: the seller's PDF or image, or a barcode string (docs/ticket-delivery.md). */
export const ticketFileTypes: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];
export const ticketFileBodyLimit = 2 * 1024 * 1024;

export const apiRoutes: ApiRoute[] = [
  { prefix: '/api/users', upstream: 'auth' },
  { prefix: '/api/tickets', upstream: 'tickets' },
  { prefix: '/api/tickets/:id/file', upstream: 'delivery', bodyLimit: ticketFileBodyLimit, contentTypes: ticketFileTypes },
  { prefix: '/api/orders', upstream: 'orders' },
  { prefix: '/api/orders/:id/ticket', upstream: 'delivery' },
  { prefix: '/api/orders/:id/pass', upstream: 'delivery' },
  { prefix: '/api/payments', upstream: 'payments' },
  { prefix: '/api/events', upstream: 'catalog' },
  { prefix: '/api/payouts', upstream: 'payouts' },
  { prefix: '/api/checkin', upstream: 'delivery' },
];

/** Each service behind the gateway once, in the table's order (the docs list them). */
export const apiServices = [...new Set(apiRoutes.map((route) => route.upstream))];

/**
 * A route's path in an ingress-nginx Ingress (infra/k8s/ingress.yaml): its prefix, or for a prefix
 * with parameters a regular expression (`[^/]+` for each `:param`, ImplementationSpecific, the
 * Ingress annotated use-regex). nginx tries regular expressions longest first, as the gateway
 * prefers the longer prefix.
 */
export function ingressPath(prefix: string): { path: string; pathType: 'Prefix' | 'ImplementationSpecific' } {
  return prefix.includes(':')
    ? { path: prefix.replace(/:[^/]+/g, '[^/]+'), pathType: 'ImplementationSpecific' }
    : { path: prefix, pathType: 'Prefix' };
}
