// Security headers on every response (ours and proxied). The Content-Security-Policy set here is
// the strict default: no inline script at all, so a response nobody wrote a policy for runs none.
// A page of the web client carries its own, stricter-still policy, made per request with a nonce
// (apps/web/proxy.ts: only the scripts Next.js emits with that nonce run), which replaces this one
// on the way through; the API docs have their own (docs.ts). No upgrade-insecure-requests, so
// plain-HTTP localhost keeps working.
// helmet's middleware is built once here (@fastify/helmet rebuilt it, CSP parsing included, on
// every request: a fifth of the gateway's CPU under load).
import helmet from 'helmet';
import type { AnyFastify } from '@ticketing/common';

export const defaultDirectives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const applySecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: defaultDirectives },
  crossOriginEmbedderPolicy: false,
});

export function installSecurityHeaders(app: AnyFastify): void {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
