// Security headers on every response (ours and proxied). The CSP allows the inline scripts and
// styles Next.js emits; no upgrade-insecure-requests, so plain-HTTP localhost keeps working.
import helmet from '@fastify/helmet';
import type { AnyFastify } from '@ticketing/common';

export async function installSecurityHeaders(app: AnyFastify): Promise<void> {
  await app.register(helmet, {
    global: true,
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
}
