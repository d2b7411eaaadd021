// Errors that map to the API's error body: {"errors": [{"message", "field"?}]}.
export interface ErrorItem {
  message: string;
  field?: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly items: ErrorItem[] = [{ message }],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class BadRequest extends HttpError {
  constructor(message: string, field?: string) { super(400, message, [field ? { message, field } : { message }]); }
}
export class ValidationFailed extends HttpError {
  constructor(items: ErrorItem[]) { super(400, items[0]?.message ?? 'Invalid request', items); }
}
export class NotAuthorized extends HttpError {
  constructor(message = 'Not authorized') { super(401, message); }
}
export class PaymentRequired extends HttpError {
  constructor(message: string) { super(402, message); }
}
export class Forbidden extends HttpError {
  constructor(message = 'Forbidden') { super(403, message); }
}
export class NotFound extends HttpError {
  constructor(message = 'Not found') { super(404, message); }
}
export class Conflict extends HttpError {
  constructor(message: string) { super(409, message); }
}
export class TooManyRequests extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, 'Too many requests, try again later', undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}
export class ServiceUnavailable extends HttpError {
  constructor(message = 'Service unavailable, try again later') { super(503, message); }
}

export function errorBody(items: ErrorItem[]): { errors: ErrorItem[] } {
  return { errors: items };
}
