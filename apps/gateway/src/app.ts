// The local ingress: /api/{users,tickets,orders,payments} to their services, everything else to
// the web client. Unknown /api routes are 404 and a service that is not up is 503, both with the
// API's error body. Cookies pass through; X-Forwarded-* are set from what the gateway saw.
import proxy from '@fastify/http-proxy';
import { answerFrameworkError, errorBody, installErrorHandling, installMetrics, type Logger, type Registry } from '@ticketing/common';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { installDocs } from './docs';
import { apiRoutes, type Upstreams } from './routes';
import { installSecurityHeaders } from './security-headers';

export interface GatewayOptions {
  upstreams: Upstreams;
  logger: Logger;
  registry: Registry;
  /** Trust X-Forwarded-* from a proxy in front of the gateway (off: the gateway is the edge). */
  trustProxy?: boolean;
}

export async function createGateway(options: GatewayOptions) {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
  });
  installErrorHandling(app);
  installSecurityHeaders(app);
  installMetrics(app, options.registry);
  app.get('/healthz', async () => ({ status: 'ok' }));

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
      void reply.code(503).send(errorBody([{ message: 'Service unavailable, try again later' }]));
    },
  };
  for (const route of apiRoutes) {
    await app.register(proxy, {
      upstream: options.upstreams[route.upstream], prefix: route.prefix, rewritePrefix: route.prefix, disableRequestLogging: true,
      replyOptions: replyOptions as never,
    });
  }
  await installDocs(app, options.upstreams);
  app.all('/api', async (_request, reply) => reply.code(404).send(errorBody([{ message: 'Not found' }])));
  app.all('/api/*', async (_request, reply) => reply.code(404).send(errorBody([{ message: 'Not found' }])));
  await app.register(proxy, { upstream: options.upstreams.web, prefix: '/', disableRequestLogging: true, replyOptions: replyOptions as never });
  return app;
}
