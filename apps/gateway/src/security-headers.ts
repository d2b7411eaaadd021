// Security headers on every response (ours and proxied). The CSP allows the inline scripts and
// styles Next.js emits; no upgrade-insecure-requests, so plain-HTTP localhost keeps working.
// helmet's middleware is built once here (@fastify/helmet rebuilt it, CSP parsing included, on
// every request: a fifth of the gateway's CPU under load).
import helmet from 'helmet';
import type { AnyFastify } from '@ticketing/common';

const applySecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
});

export function installSecurityHeaders(app: AnyFastify): void {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
