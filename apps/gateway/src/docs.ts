// Combined API docs at /docs: Swagger UI with one entry per service, each service's OpenAPI
// document fetched from it (so the docs never drift from the route schemas). Public, on a path of
// their own outside /api, with a policy of their own: Swagger UI's own scripts (no inline ones)
// and its inline styles. /api/docs, where they used to be, redirects here.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorBody, type AnyFastify } from '@ticketing/common';
import { apiServices, jsonOnly, type Upstreams } from './routes';

export const docsPath = '/docs';

export const docsPolicy = [
  "default-src 'self'", "script-src 'self'", "script-src-attr 'none'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
].join('; ');

export async function installDocs(app: AnyFastify, upstreams: Upstreams): Promise<void> {
  const services = apiServices;
  app.get(`${docsPath}/specs/:service`, async (request, reply) => {
    const service = (request.params as { service: string }).service.replace(/\.json$/, '');
    if (!services.includes(service as (typeof services)[number])) return reply.code(404).send(errorBody([{ message: 'Not found' }]));
    try {
      const response = await fetch(`${upstreams[service as keyof Upstreams]}/openapi.json`, { signal: AbortSignal.timeout(5000) });
      return reply.type('application/json').send(await response.text());
    } catch {
      return reply.code(503).send(errorBody([{ message: `${service} is not available` }]));
    }
  });
  for (const old of ['/api/docs', '/api/docs/*']) {
    app.get(old, { config: { contentTypes: jsonOnly } }, async (request, reply) => reply.redirect(docsPath + request.url.slice('/api/docs'.length), 301));
  }
  // swagger-ui requires @fastify/swagger; the gateway's own document is empty (it has no API).
  await app.register(swagger, { openapi: { info: { title: 'Ticketing gateway', version: '1.0.0' } } });
  await app.register(swaggerUi, {
    routePrefix: docsPath,
    staticCSP: docsPolicy,
    uiConfig: { urls: services.map((name) => ({ name, url: `${docsPath}/specs/${name}.json` })) } as never,
  });
}
