// The public port, held from the first moment a process starts: one node:http server whose
// handler is swapped when the app is ready. Until then every request is answered at once with 503,
// Retry-After and the error body, so a browser tab left open, a readiness probe or curl in a loop
// get an answer, and nothing has to be closed or handed over when the app takes the port: the same
// server, its connections included, carries on with the app's handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody } from '../errors';
import { applyIdleTimeout, nodeServerOptions, type ServerTimeouts } from './server-timeouts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface EdgeServer {
  server: Server;
  port: number;
  /** From now on every request goes to `handler` (Fastify's `app.routing` once the app is ready). */
  serve(handler: Handler): void;
  /** For Fastify's `serverFactory` option: the app serves through this server (no listen() of its own). */
  factory: () => Server;
  /** Stops accepting, closes idle connections at once and every other one after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export const startingRetryAfterSeconds = 2;

const startingBody = JSON.stringify(errorBody([{ message: 'Starting up, try again in a moment' }]));

function answerStarting(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(startingBody),
    'retry-after': String(startingRetryAfterSeconds),
    'cache-control': 'no-store',
  });
  response.end(startingBody);
}

/** Listens on the port (a port in use is a clear error) and answers 503 until serve(). */
export async function openEdgeServer(options: { port: number; host: string; timeouts?: ServerTimeouts }): Promise<EdgeServer> {
  let handler: Handler = answerStarting;
  const server = createServer(nodeServerOptions(options.timeouts), (request, response) => handler(request, response));
  applyIdleTimeout(server, options.timeouts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new Error(`port ${options.port} is already in use: stop what holds it or start with PORT=<another port>`)
      : error));
    server.listen(options.port, options.host, resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    serve: (next) => { handler = next; },
    factory: () => server,
    close: (graceMs = 5_000) => closeServer(server, graceMs),
  };
}

/** Idempotent. close() alone would wait for every open connection, a client's included. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => { clearTimeout(force); resolve(); });
    server.closeIdleConnections();
  });
}
