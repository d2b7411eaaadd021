// A subset of Stripe's Search Query Language: clauses `field:value` (exact match), `-field:value`
// (negation), `field>n`, `field<n`, `field>=n`, `field<=n` on numbers, joined by AND or by OR
// (never both, as Stripe requires), `metadata['key']:'value'` (or double quotes). Values are quoted
// strings or numbers. Stripe's substring (`~`) and `null` matches are not supported.
import { invalidParam } from '../api/errors';

export type Operator = ':' | '>' | '<' | '>=' | '<=';

export interface Clause {
  field: string;
  /** For `metadata['key']`. */
  metadataKey?: string;
  operator: Operator;
  value: string;
  negated: boolean;
}

export interface SearchQuery {
  join: 'AND' | 'OR';
  clauses: Clause[];
}

const MAX_CLAUSES = 10;
const CLAUSE = /^\s*(-)?([a-z_]+(?:\.[a-z_]+)*)(?:\[(['"])(.*?)\3\])?\s*(>=|<=|:|>|<)\s*(?:(['"])(.*?)\6|(-?\d+(?:\.\d+)?))\s*/;

export function parseSearchQuery(query: string): SearchQuery {
  const clauses: Clause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  let rest = query;
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (!match) throw queryError(query, rest);
    const [whole, minus, field, , metadataKey, operator, , quoted, number] = match;
    clauses.push({ field, metadataKey, operator: operator as Operator, value: quoted ?? number, negated: minus === '-' });
    rest = rest.slice(whole.length);
    if (rest.trim() === '') break;
    const join = /^(AND|OR)\s+/.exec(rest);
    if (!join) throw queryError(query, rest);
    joins.add(join[1] as 'AND' | 'OR');
    rest = rest.slice(join[0].length);
  }
  if (joins.size > 1) throw invalidParam('query', 'A search query cannot mix AND and OR; use only one of them.');
  if (clauses.length > MAX_CLAUSES) throw invalidParam('query', `A search query may have at most ${MAX_CLAUSES} clauses.`);
  return { join: joins.has('OR') ? 'OR' : 'AND', clauses };
}

function queryError(query: string, rest: string): never {
  throw invalidParam('query', `Invalid query: could not parse "${query}" at "${rest.trim().slice(0, 40)}". See https://docs.stripe.com/search#search-query-language.`);
}
