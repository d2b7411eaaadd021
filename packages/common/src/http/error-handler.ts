// Every error leaves as {"errors": [{message, field?}]}; our own faults never show internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AnyFastify } from './create-app';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorBody, HttpError, type ErrorItem } from '../errors';

const messagesByCode: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Body cannot be empty when content-type is application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Content-Type must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
};

export function installErrorHandling(app: AnyFastify): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody([{ message: 'Not found' }]));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.items));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      return reply.code(400).send(errorBody(error.validation.map((issue) => validationItem(issue.instancePath, issue.message ?? "Invalid value", context))));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? mediaTypeMessage(request)
        : messagesByCode[error.code] ?? (error.message || 'Bad request');
      return reply.code(status).send(errorBody([{ message }]));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(status === 503 ? 503 : 500).send(errorBody([{ message: 'Something went wrong' }]));
  });
}

/**
 * What a route takes: JSON, unless its config lists `contentTypes` (a raw upload, e.g. a ticket
 * file), so a malformed Content-Type there is not told to be JSON.
 */
function mediaTypeMessage(request: FastifyRequest): string {
  const types = (request.routeOptions?.config as { contentTypes?: readonly string[] } | undefined)?.contentTypes;
  return types?.length ? `Content-Type must be one of ${types.join(', ')}` : messagesByCode.FST_ERR_CTP_INVALID_MEDIA_TYPE;
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing, before any handler or the error
 * handler runs — a path with broken percent-encoding (FST_ERR_BAD_URL) or a path parameter over
 * the router's length limit (FST_ERR_MAX_PARAM_LENGTH). Either path names no resource: 404 with
 * the error body (api.md: a malformed id in a path is 404), not Fastify's own body.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(404).send(errorBody([{ message: 'Not found' }]));
    return;
  }
  request.log.error({ err: error }, 'request failed while routing');
  void reply.code(500).send(errorBody([{ message: 'Something went wrong' }]));
}

function validationItem(instancePath: string, message: string, context?: string): ErrorItem {
  const field = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (field) return { message: friendly(field, message), field };
  return { message: context === 'body' ? 'Body must be a JSON object' : message };
}

/** zod's default messages name types; the API names the field. */
function friendly(field: string, message: string): string {
  if (/received undefined/.test(message)) return `${field} is required`;
  return message;
}
