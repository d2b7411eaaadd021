import type { ApiError } from './types';

/** Errors without a field, or naming a field this form doesn't show, go above the button. */
export function generalErrors(errors: ApiError[], fields: readonly string[]): ApiError[] {
  return errors.filter((e) => !e.field || !fields.includes(e.field));
}

export function fieldError(errors: ApiError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
