// Combined API docs at /api/docs: Swagger UI with one entry per service, each service's OpenAPI
// document fetched from it (so the docs never drift from the route schemas).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorBody, type AnyFastify } from '@ticketing/common';
import { apiRoutes, type Upstreams } from './routes';

export async function installDocs(app: AnyFastify, upstreams: Upstreams): Promise<void> {
  const services = apiRoutes.map((route) => route.upstream);
  app.get('/api/docs/specs/:service', async (request, reply) => {
    const service = (request.params as { service: string }).service.replace(/\.json$/, '');
    if (!services.includes(service as (typeof services)[number])) return reply.code(404).send(errorBody([{ message: 'Not found' }]));
    try {
      const response = await fetch(`${upstreams[service as keyof Upstreams]}/openapi.json`, { signal: AbortSignal.timeout(5000) });
      return reply.type('application/json').send(await response.text());
    } catch {
      return reply.code(503).send(errorBody([{ message: `${service} is not available` }]));
    }
  });
  // swagger-ui requires @fastify/swagger; the gateway's own document is empty (it has no API).
  await app.register(swagger, { openapi: { info: { title: 'Ticketing gateway', version: '1.0.0' } } });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { urls: services.map((name) => ({ name, url: `/api/docs/specs/${name}.json` })) } as never,
  });
}
