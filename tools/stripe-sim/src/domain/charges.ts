// GET /v1/charges/:id — an adapter may look at the charge behind `latest_charge`.
import { resourceMissing } from '../api/errors';
import { rejectUnknown } from '../api/params';
import type { HandlerContext } from './context';
import { assertExpandable, expanded } from './expand';

export function retrieveCharge(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  assertExpandable(context, ['payment_intent']);
  const charge = context.store.charges.get(context.path.id);
  if (!charge) throw resourceMissing(`No such charge: '${context.path.id}'`, 'id', 404);
  return expanded(context, charge);
}
