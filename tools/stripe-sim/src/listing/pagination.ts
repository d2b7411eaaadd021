// Stripe's list pagination: newest first, `limit` 1–100 (default 10), a cursor `starting_after`
// (the next, older page) or `ending_before` (the previous, newer page) naming an object of the list.
import { invalidParam, resourceMissing } from '../api/errors';
import { optionalInteger, optionalString } from '../api/params';
import type { FormObject } from '../server/form-params';

export interface ListPage<T> {
  object: 'list';
  url: string;
  has_more: boolean;
  data: T[];
}

export function readLimit(params: FormObject): number {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', `Invalid integer: ${limit}. limit must be between 1 and 100.`);
  return limit;
}

/** `items` newest first. */
export function listPage<T extends { id: string }>(items: T[], params: FormObject, url: string, kind: string): ListPage<T> {
  const limit = readLimit(params);
  const after = optionalString(params, 'starting_after');
  const before = optionalString(params, 'ending_before');
  if (after !== undefined && before !== undefined) {
    throw invalidParam('starting_after', 'You may only specify one of these parameters: ending_before, starting_after.');
  }
  const cursor = after ?? before;
  if (cursor === undefined) return page(items.slice(0, limit), items.length > limit, url);
  const index = items.findIndex((item) => item.id === cursor);
  if (index === -1) throw resourceMissing(`No such ${kind}: '${cursor}'`, after !== undefined ? 'starting_after' : 'ending_before', 400);
  if (after !== undefined) return page(items.slice(index + 1, index + 1 + limit), items.length > index + 1 + limit, url);
  const start = Math.max(0, index - limit);
  return page(items.slice(start, index), start > 0, url);
}

function page<T>(data: T[], hasMore: boolean, url: string): ListPage<T> {
  return { object: 'list', url, has_more: hasMore, data };
}
