// `created` on list endpoints: an exact Unix time or a range `created[gte]=…&created[lt]=…`.
import { invalidParam } from '../api/errors';
import { nested, optionalInteger, rejectUnknown } from '../api/params';
import type { FormObject } from '../server/form-params';

const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;

export function createdFilter(params: FormObject): (created: number) => boolean {
  const value = params.created;
  if (value === undefined) return () => true;
  if (typeof value === 'string') {
    const exact = optionalInteger(params, 'created');
    return (created) => created === exact;
  }
  if (Array.isArray(value)) throw invalidParam('created', 'Invalid created: an integer or a hash of gt, gte, lt, lte');
  rejectUnknown(value, BOUNDS, 'created');
  const bound = (name: (typeof BOUNDS)[number]) => nested('created', () => optionalInteger(value, name));
  const [gt, gte, lt, lte] = BOUNDS.map(bound);
  return (created) =>
    (gt === undefined || created > gt) && (gte === undefined || created >= gte)
    && (lt === undefined || created < lt) && (lte === undefined || created <= lte);
}
