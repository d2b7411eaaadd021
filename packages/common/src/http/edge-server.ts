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
  /** The port it listens on (after listen()). */
  readonly port: number;
  /** Binds the port; a port in use is a clear error. */
  listen(port: number, host: string): Promise<void>;
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

/** A server that answers 503 from listen() until serve(). */
export function createEdgeServer(options: { timeouts?: ServerTimeouts } = {}): EdgeServer {
  let handler: Handler = answerStarting;
  const server = createServer(nodeServerOptions(options.timeouts), (request, response) => handler(request, response));
  applyIdleTimeout(server, options.timeouts);
  return {
    server,
    get port() { return (server.address() as AddressInfo).port; },
    listen: (port, host) => listen(server, port, host),
    serve: (next) => { handler = next; },
    factory: () => server,
    close: (graceMs = 5_000) => closeServer(server, graceMs),
  };
}

/** Created and listening (a port in use is a clear error). */
export async function openEdgeServer(options: { port: number; host: string; timeouts?: ServerTimeouts }): Promise<EdgeServer> {
  const edge = createEdgeServer(options);
  await edge.listen(options.port, options.host);
  return edge;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new Error(`port ${port} is already in use: stop what holds it or start with PORT=<another port>`)
      : error));
    server.listen(port, host, resolve);
  });
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
