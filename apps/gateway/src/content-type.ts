// The Content-Type of a request body, checked at the edge before anything parses or proxies it: a
// header that is not a media type (RFC 9110 §8.3, e.g. `text/plain; application/json`, whose second
// part is no parameter) is 415 with the API's error body, and so is a body of a type its route does
// not take. Each route says which in its config (`contentTypes`, from the routing table: JSON for
// every /api route unless routes.ts says otherwise, e.g. a ticket file's PDF or image); a route
// that says nothing (the web client's pages) takes any valid media type. Left to the proxy, a bad
// header threw while it was re-parsed on the way out: a 500 and a stack trace in the log.
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

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types this route takes as a body (lower case, no parameters); unset: any valid one. */
    contentTypes?: readonly string[];
  }
}

export function installContentTypeCheck(app: AnyFastify): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const header = request.headers['content-type'];
    const type = header === undefined ? undefined : parseMediaType(header);
    const accepted = request.routeOptions.config.contentTypes;
    if (header !== undefined && type === undefined) {
      return reply.code(415).send(errorBody([{ message: accepted ? mustBe(accepted) : 'Content-Type is not a valid media type' }]));
    }
    if (accepted && (type === undefined || !accepted.includes(type))) {
      return reply.code(415).send(errorBody([{ message: mustBe(accepted) }]));
    }
  });
}

/** The 415 message of a route that takes `accepted`. */
export function mustBe(accepted: readonly string[]): string {
  return accepted.length === 1 ? `Content-Type must be ${accepted[0]}` : `Content-Type must be one of ${accepted.join(', ')}`;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
