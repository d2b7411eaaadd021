// The Content-Type of a request body, checked at the edge before anything parses or proxies it: a
// header that is not a media type (RFC 9110 §8.3, e.g. `text/plain; application/json`, whose second
// part is no parameter) is 415 with the API's error body, and so is an /api body that is not JSON
// (every service takes JSON only, and answers the same). Left to the proxy, such a header threw
// while it was re-parsed on the way out: a 500 and a stack trace in the log.
import { errorBody, type AnyFastify } from '@ticketing/common';
import type { FastifyRequest } from 'fastify';

const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const mediaType = new RegExp(`^(${token})/(${token})$`);
// `; name=value` (value a token or a quoted string), or a lone `;` (RFC 9110 allows empty parameters).
const parameter = new RegExp(`[\\t ]*;[\\t ]*(?:${token}=(?:${token}|"(?:[\\t !#-\\[\\]-~\\x80-\\xff]|\\\\[\\t -~\\x80-\\xff])*"))?[\\t ]*`, 'y');

/** `type/subtype` in lower case, or undefined when the header is not a valid media type. */
export function parseMediaType(header: string): string | undefined {
  const semicolon = header.indexOf(';');
  const essence = (semicolon === -1 ? header : header.slice(0, semicolon)).trim();
  if (!mediaType.test(essence)) return undefined;
  if (semicolon === -1) return essence.toLowerCase();
  const rest = header.slice(semicolon);
  parameter.lastIndex = 0;
  while (parameter.lastIndex < rest.length) {
    const at = parameter.lastIndex;
    if (!parameter.test(rest) || parameter.lastIndex === at) return undefined;
  }
  return essence.toLowerCase();
}

export function installContentTypeCheck(app: AnyFastify): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const header = request.headers['content-type'];
    const type = header === undefined ? undefined : parseMediaType(header);
    const api = request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
    if (header !== undefined && type === undefined) {
      return reply.code(415).send(errorBody([{ message: api ? 'Content-Type must be application/json' : 'Content-Type is not a valid media type' }]));
    }
    if (api && type !== 'application/json') {
      return reply.code(415).send(errorBody([{ message: 'Content-Type must be application/json' }]));
    }
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
