// `GET /v1/<resource>/search`: the query evaluated over the stored objects, newest first, in
// Stripe's `search_result` shape with `page`/`next_page` cursors (here: an opaque offset). Unlike
// Stripe (searchable within about a minute), a new object is searchable at once.
import { invalidParam } from '../api/errors';
import { optionalString, rejectUnknown, requiredString } from '../api/params';
import type { FormObject } from '../server/form-params';
import { readLimit } from './pagination';
import { parseSearchQuery, type Clause } from './search-query';

export type FieldKind = 'string' | 'number' | 'metadata';

export interface SearchResult<T> {
  object: 'search_result';
  url: string;
  has_more: boolean;
  data: T[];
  next_page: string | null;
}

export function search<T extends object>(items: T[], params: FormObject, url: string, fields: Record<string, FieldKind>): SearchResult<T> {
  rejectUnknown(params, ['query', 'limit', 'page', 'expand']);
  const query = parseSearchQuery(requiredString(params, 'query'));
  for (const clause of query.clauses) checkClause(clause, fields);
  const test = (item: T) => query.clauses[query.join === 'AND' ? 'every' : 'some']((clause) => matches(item, clause));
  const found = items.filter(test);
  const limit = readLimit(params);
  const offset = pageOffset(optionalString(params, 'page'));
  const data = found.slice(offset, offset + limit);
  const more = found.length > offset + limit;
  return { object: 'search_result', url, has_more: more, data, next_page: more ? encodePage(offset + limit) : null };
}

function checkClause(clause: Clause, fields: Record<string, FieldKind>): void {
  const kind = Object.hasOwn(fields, clause.field) ? fields[clause.field] : undefined;
  if (!kind) throw invalidParam('query', `Field '${clause.field}' is not a supported search field. Supported: ${Object.keys(fields).join(', ')}.`);
  if ((kind === 'metadata') !== (clause.metadataKey !== undefined)) throw invalidParam('query', `Field '${clause.field}' needs ${kind === 'metadata' ? "a key, as in metadata['key']" : 'no key'}.`);
  if (clause.operator !== ':' && kind !== 'number') throw invalidParam('query', `Field '${clause.field}' supports only ':' (exact match).`);
}

function matches(item: object, clause: Clause): boolean {
  const record = item as Record<string, unknown>;
  const actual = clause.metadataKey !== undefined
    ? (record.metadata as Record<string, string> | null)?.[clause.metadataKey]
    : record[clause.field];
  const result = compare(actual, clause);
  return clause.negated ? !result : result;
}

function compare(actual: unknown, { operator, value }: Clause): boolean {
  if (actual === undefined || actual === null) return false;
  if (operator === ':') return String(actual) === value;
  const [a, b] = [Number(actual), Number(value)];
  return operator === '>' ? a > b : operator === '<' ? a < b : operator === '>=' ? a >= b : a <= b;
}

function encodePage(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function pageOffset(page: string | undefined): number {
  if (page === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(page, 'base64url').toString('utf8'));
  if (!match) throw invalidParam('page', `Invalid page: ${page}`);
  return Number(match[1]);
}
