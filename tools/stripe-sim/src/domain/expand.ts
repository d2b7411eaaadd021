// `expand[]=latest_charge` and friends: replace an id field by the object it names. Only the
// one-level expansions the simulator's objects reference are supported.
import { invalidParam } from '../api/errors';
import { expandList } from '../api/params';
import type { HandlerContext } from './context';
import type { Store } from './store';

type Resolver = (store: Store, id: string) => object | undefined;

const RESOLVERS: Record<string, Resolver> = {
  latest_charge: (store, id) => store.charges.get(id),
  charge: (store, id) => store.charges.get(id),
  payment_intent: (store, id) => store.paymentIntents.get(id),
  payment_method: (store, id) => store.paymentMethods.get(id)?.object,
  destination: (store, id) => store.accounts.get(id),
  source_transaction: (store, id) => store.charges.get(id),
  transfer: (store, id) => store.transfers.get(id),
};

/** Checked before a handler changes anything, so a bad `expand` leaves no half-done work behind. */
export function assertExpandable(context: HandlerContext, fields: readonly string[]): void {
  for (const path of expandList(context.params)) {
    if (!fields.includes(path)) throw invalidParam('expand', `This property cannot be expanded (${path}).`);
  }
}

/** A copy of `object` with the requested fields expanded; the stored object is left as it is. */
export function expanded<T extends object>(context: HandlerContext, object: T): T {
  const copy: Record<string, unknown> = structuredClone(object) as Record<string, unknown>;
  for (const path of expandList(context.params)) {
    const resolve = Object.hasOwn(RESOLVERS, path) ? RESOLVERS[path] : undefined;
    const id = copy[path];
    if (resolve && typeof id === 'string') copy[path] = structuredClone(resolve(context.store, id)) ?? id;
  }
  return copy as T;
}
