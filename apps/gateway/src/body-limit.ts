// The body limit, enforced at the edge: a body over its route's limit is answered 413 by the
// gateway and never reaches a service. Streaming an oversized body on to a service that rejects it
// half-way raced the service's 413 against the upload (clients saw 413, 503 or nothing at all).
// A body announced too large (Content-Length) is refused before a byte of it is read; any other
// body is counted as it arrives and read up to the limit before it is proxied, so a service only
// ever sees complete bodies within the limit. After a 413 the rest of the body is read and dropped
// (within the request deadline), so the connection stays usable for the next request.
import { HttpError, type AnyFastify } from '@ticketing/common';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Largest request body of this route, in bytes (the gateway's default when unset). */
    maxBodyBytes?: number;
  }
}

export const defaultBodyLimit = 64 * 1024;

class BodyTooLarge extends HttpError {
  constructor() { super(413, 'Body is too large'); }
}

export function installBodyLimit(app: AnyFastify, fallbackLimit = defaultBodyLimit): void {
  app.addHook('preParsing', async (request: FastifyRequest, _reply, payload: Readable) => {
    if (!hasBody(request)) return payload;
    const limit = request.routeOptions.config.maxBodyBytes ?? fallbackLimit;
    if (Number(request.headers['content-length']) > limit) throw new BodyTooLarge();
    const body = await readUpTo(payload, limit);
    if (!body) throw new BodyTooLarge();
    return Readable.from([body], { objectMode: false });
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The whole body, or undefined as soon as it passes `limit` (the rest is then read and dropped). */
function readUpTo(payload: Readable, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      stop();
      payload.resume();
      resolve(undefined);
    };
    const onEnd = () => { stop(); resolve(Buffer.concat(chunks, received)); };
    const onError = (error: Error) => { stop(); reject(error); };
    const stop = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}
