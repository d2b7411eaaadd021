// Time limits on every HTTP server we run, so a client that trickles its headers or its body (or
// opens a connection and says nothing) cannot hold a connection and its memory for ever.
import type { Server } from 'node:http';
import { z } from 'zod';
import { ConfigError, env, loadConfig } from '../config';

export interface ServerTimeouts {
  /** From the connection (or the previous response) to the end of the request's headers. */
  headersMs: number;
  /** From the connection to the end of the request's body. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveMs: number;
  /** A connection with no traffic in either direction for this long is closed (a response in the works included). */
  idleMs: number;
}

export const defaultServerTimeouts: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, idleMs: 120_000 };

/**
 * Node checks the headers and request deadlines on a timer, not per byte: a check every second
 * closes a late connection within a second of its deadline (Node's default is every 30 s).
 */
const deadlineCheckIntervalMs = 1_000;

/** The variables, for a process's config schema (the gateway's, the embedded launcher's; see serverTimeoutsFromEnv). */
export function serverTimeoutsShape() {
  return {
    HTTP_HEADERS_TIMEOUT_MS: env.int(defaultServerTimeouts.headersMs),
    HTTP_REQUEST_TIMEOUT_MS: env.int(defaultServerTimeouts.requestMs),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: env.int(defaultServerTimeouts.keepAliveMs),
    HTTP_IDLE_TIMEOUT_MS: env.int(defaultServerTimeouts.idleMs),
  };
}
const serverTimeoutsSchema = z.object(serverTimeoutsShape());

export function serverTimeoutsFrom(config: z.infer<typeof serverTimeoutsSchema>): ServerTimeouts {
  const timeouts = {
    headersMs: config.HTTP_HEADERS_TIMEOUT_MS, requestMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS, idleMs: config.HTTP_IDLE_TIMEOUT_MS,
  };
  // Node refuses a headers deadline later than the request deadline; say which variables.
  if (timeouts.headersMs > timeouts.requestMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  return timeouts;
}

/** Fastify's options for a server it creates itself. */
export function fastifyServerTimeouts(timeouts: ServerTimeouts = defaultServerTimeouts) {
  return {
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: deadlineCheckIntervalMs },
  };
}

/** node:http's options, for a server we create ourselves (createServer(options)). */
export function nodeServerOptions(timeouts: ServerTimeouts = defaultServerTimeouts) {
  return {
    headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs, connectionsCheckingInterval: deadlineCheckIntervalMs,
  };
}

/** The idle timeout is a socket timeout, set on the server after creation. */
export function applyIdleTimeout(server: Server, timeouts: ServerTimeouts = defaultServerTimeouts): void {
  server.setTimeout(timeouts.idleMs);
}

/**
 * The deadlines from the environment. The kernel's HTTP factory reads them when its caller passes
 * none, so every service process has them without each config.ts listing them.
 */
export function serverTimeoutsFromEnv(source: Record<string, string | undefined> = process.env): ServerTimeouts {
  return serverTimeoutsFrom(loadConfig(serverTimeoutsSchema, source));
}
