// The HTTP app every service starts from: error format, body limit, JSON only, request ids,
// session check, health, readiness, Prometheus metrics, a trace span per request, an OpenAPI
// document built from the zod route schemas, and deadlines for slow clients.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { httpMetrics, type Registry } from '../metrics';
import { errorBody } from '../errors';
import { answerFrameworkError, installErrorHandling } from './error-handler';
import { installRequestTracing } from './request-tracing';
import { fastifyServerTimeouts, serverTimeoutsFromEnv, type ServerTimeouts } from './server-timeouts';
import { installSession, type SessionVerifier } from './session';
import { trustProxyFromEnv, type TrustProxy } from './trust-proxy';

export interface HttpAppOptions {
  name: string;
  logger: Logger;
  registry: Registry;
  /** Throws when the service cannot serve (database down, bus disconnected). */
  readiness: () => Promise<void>;
  verifySession?: SessionVerifier;
  /** Whose X-Forwarded-* to believe (default: TRUST_PROXY from the environment, loopback unless set). */
  trustProxy?: TrustProxy;
  bodyLimit?: number;
  /** Headers, request, keep-alive and idle deadlines (default: from HTTP_*_TIMEOUT_MS in the environment). */
  timeouts?: ServerTimeouts;
}

export type HttpApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFastify = FastifyInstance<any, any, any, any, any>;

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? trustProxyFromEnv(),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    ...fastifyServerTimeouts(options.timeouts ?? serverTimeoutsFromEnv()),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: anything else is 415 rather than a string handed to a handler.
  app.removeContentTypeParser(['text/plain']);
  installErrorHandling(app);
  await app.register(cookie);
  if (options.verifySession) installSession(app, options.verifySession);
  await app.register(swagger, {
    openapi: { info: { title: `Ticketing ${options.name}`, version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });
  installMetrics(app, options.registry);
  installRequestTracing(app);
  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await options.readiness();
      return { status: 'ready' };
    } catch (error) {
      return reply.code(503).send(errorBody([{ message: `Not ready: ${(error as Error).message}` }]));
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export function installMetrics(app: AnyFastify, registry: Registry): void {
  const metrics = httpMetrics(registry);
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()));
}
