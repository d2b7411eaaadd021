// The local ingress: each /api prefix of the routing table (routes.ts) to its service, everything
// else to the web client. Unknown /api routes are 404 and a service that is not up is 503, both with
// the API's error body. Cookies pass through; X-Forwarded-* are set from what the gateway saw. Bodies
// over a route's limit stop here (413), a Content-Type that is no media type or not one its route
// takes (JSON unless the table says otherwise) too (415), and slow clients meet the kernel's server
// deadlines. The gateway's metrics are counted here but served only by createMetricsServer, on an
// internal port (nothing public answers /metrics); the API docs are at /docs.
import proxy from '@fastify/http-proxy';
import {
  answerFrameworkError, errorBody, fastifyServerTimeouts, httpMetrics, installErrorHandling,
  type EdgeServer, type Logger, type Registry, type ServerTimeouts,
} from '@ticketing/common';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { defaultBodyLimit, installBodyLimit } from './body-limit';
import { installContentTypeCheck } from './content-type';
import { installDocs } from './docs';
import { apiRoutes, jsonOnly, type ApiRoute, type Upstreams } from './routes';
import { installSecurityHeaders } from './security-headers';

export interface GatewayOptions {
  upstreams: Upstreams;
  /** The routing table (routes.ts's by default; a test may register it in another order). */
  routes?: readonly ApiRoute[];
  logger: Logger;
  registry: Registry;
  /** Trust X-Forwarded-* from a proxy in front of the gateway (off: the gateway is the edge). */
  trustProxy?: boolean;
  /** Largest request body, in bytes, of a route without a limit of its own in routes.ts. */
  bodyLimit?: number;
  /** Deadlines of the gateway's own server (an edge server has its own). */
  timeouts?: ServerTimeouts;
  /**
   * Serve through this already-listening server instead of listen(): once the gateway is ready,
   * `edge.serve(app.routing)` hands it the port with every connection a client already holds.
   */
  edge?: EdgeServer;
  /**
   * Whether the web client is ready to answer. Until it is, its pages are 503 with Retry-After: a
   * Next.js server that has bound its port but not finished preparing holds requests unanswered.
   */
  webReady?: () => boolean;
}

/** Seconds a client is asked to wait before retrying a service that is not up (yet). */
const upstreamRetryAfterSeconds = 2;

export async function createGateway(options: GatewayOptions) {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    ...(options.edge ? { serverFactory: options.edge.factory } : fastifyServerTimeouts(options.timeouts)),
  });
  installErrorHandling(app);
  installSecurityHeaders(app);
  installContentTypeCheck(app);
  installBodyLimit(app, options.bodyLimit);
  countRequests(app, options.registry);
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Not the web client's either: metrics are on the internal listener only.
  app.all('/metrics', async (_request, reply) => reply.code(404).send(errorBody([{ message: 'Not found' }])));

  const replyOptions = {
    rewriteRequestHeaders: (request: FastifyRequest, headers: Record<string, unknown>) => ({
      ...headers,
      'x-forwarded-for': request.ip,
      'x-forwarded-proto': request.protocol,
      'x-forwarded-host': request.host,
      'x-request-id': request.id,
    }),
    onError: (reply: FastifyReply, { error }: { error: Error & { statusCode?: number } }) => {
      reply.log.warn({ err: error, url: reply.request.url }, 'upstream unavailable');
      void reply.code(503).header('retry-after', String(upstreamRetryAfterSeconds))
        .send(errorBody([{ message: 'Service unavailable, try again later' }]));
    },
  };
  for (const route of options.routes ?? apiRoutes) {
    await app.register(proxy, {
      upstream: options.upstreams[route.upstream], prefix: route.prefix, rewritePrefix: route.prefix, disableRequestLogging: true,
      replyOptions: replyOptions as never, config: { maxBodyBytes: route.bodyLimit, contentTypes: route.contentTypes ?? jsonOnly },
    });
  }
  await installDocs(app, options.upstreams);
  for (const url of ['/api', '/api/*']) {
    app.all(url, { config: { contentTypes: jsonOnly } }, async (_request, reply) => reply.code(404).send(errorBody([{ message: 'Not found' }])));
  }
  const webReady = options.webReady ?? (() => true);
  await app.register(proxy, {
    upstream: options.upstreams.web, prefix: '/', disableRequestLogging: true, replyOptions: replyOptions as never,
    preHandler: async (_request: FastifyRequest, reply: FastifyReply) => {
      if (webReady()) return;
      await reply.code(503).header('retry-after', String(upstreamRetryAfterSeconds))
        .send(errorBody([{ message: 'Service unavailable, try again later' }]));
    },
  });
  return app;
}

function countRequests(app: FastifyInstance, registry: Registry): void {
  const metrics = httpMetrics(registry);
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, reply.elapsedTime / 1000);
  });
}

/** GET /metrics (Prometheus text) and nothing else, for a listener on an internal address. */
export function createMetricsServer(registry: Registry) {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return app;
}
