// The Accounts endpoints of Connect: create a connected account, retrieve, update its metadata or
// email, list. Onboarding (the hosted page or the test shortcut) is what enables it.
import type Stripe from 'stripe';
import { accountInvalid, invalidParam } from '../../api/errors';
import { metadataParam } from '../../api/metadata';
import { nested, optionalBoolean, optionalEnum, optionalObject, optionalString, rejectUnknown } from '../../api/params';
import type { FormObject } from '../../server/form-params';
import type { EmitOptions, HandlerContext } from '../context';
import { assertExpandable } from '../expand';
import type { Store } from '../store';
import { accountObject, markOnboarded, type AccountType } from './account-object';

const CREATE_PARAMS = ['type', 'country', 'email', 'capabilities', 'metadata', 'business_type', 'expand'] as const;
const UPDATE_PARAMS = ['email', 'metadata', 'expand'] as const;
const TYPES = ['express', 'custom', 'standard'] as const;
const CAPABILITIES = ['transfers', 'card_payments', 'crypto_transfers', 'legacy_payments'] as const;

export function createAccount(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, CREATE_PARAMS);
  assertExpandable(context, []);
  const type = optionalEnum(params, 'type', TYPES);
  if (!type) throw invalidParam('type', 'Missing required param: type.', 'parameter_missing');
  const country = (optionalString(params, 'country') ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw invalidParam('country', `Invalid country: ${country}. Use a two-letter ISO 3166-1 code.`);
  const email = optionalString(params, 'email') ?? null;
  if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) throw invalidParam('email', `Invalid email address: ${email}`);
  optionalEnum(params, 'business_type', ['individual', 'company', 'non_profit', 'government_entity'] as const);
  const capabilities = requestedCapabilities(params, type);
  const account = accountObject({ type, country, email, capabilities, metadata: metadataParam(params) }, context.nowSeconds());
  context.store.accounts.set(account.id, account);
  return structuredClone(account);
}

export function retrieveAccount(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  assertExpandable(context, []);
  return structuredClone(findAccount(context.store, context.path.id));
}

export function updateAccount(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, UPDATE_PARAMS);
  assertExpandable(context, []);
  const account = findAccount(context.store, context.path.id);
  const email = optionalString(params, 'email');
  const metadata = metadataParam(params, account.metadata ?? {});
  const previous: Record<string, unknown> = {};
  if (email !== undefined && email !== account.email) {
    previous.email = account.email;
    account.email = email === '' ? null : email;
  }
  if (JSON.stringify(metadata) !== JSON.stringify(account.metadata ?? {})) {
    previous.metadata = account.metadata ?? {};
    account.metadata = metadata;
  }
  if (Object.keys(previous).length > 0) context.emit('account.updated', account, { account: account.id, previousAttributes: previous });
  return structuredClone(account);
}

/** At Stripe an account the platform cannot reach is a 403 `account_invalid`, unknown or not. */
export function findAccount(store: Store, id: string): Stripe.Account {
  const account = store.accounts.get(id);
  if (!account) throw accountInvalid(id);
  return account;
}

export interface OnboardingDeps {
  store: Store;
  nowSeconds(): number;
  emit(type: string, object: object, options: EmitOptions): void;
}

/**
 * What finishing Stripe's hosted onboarding does: details submitted, charges and payouts enabled,
 * requested capabilities active, and an `account.updated` Connect event. Done once; again is a no-op.
 */
export function completeOnboarding(deps: OnboardingDeps, id: string, name = 'Simulated seller'): Stripe.Account {
  const account = findAccount(deps.store, id);
  if (account.details_submitted && account.payouts_enabled) return structuredClone(account);
  const previousAttributes = {
    business_type: account.business_type ?? null,
    capabilities: structuredClone(account.capabilities),
    charges_enabled: account.charges_enabled,
    details_submitted: account.details_submitted,
    payouts_enabled: account.payouts_enabled,
    requirements: structuredClone(account.requirements),
  };
  markOnboarded(account, name, deps.nowSeconds());
  deps.emit('account.updated', account, { account: account.id, previousAttributes });
  return structuredClone(account);
}

function requestedCapabilities(params: FormObject, type: AccountType): string[] {
  const raw = optionalObject(params, 'capabilities') ?? {};
  rejectUnknown(raw, CAPABILITIES, 'capabilities');
  const requested = CAPABILITIES.filter((name) =>
    nested('capabilities', () => {
      const capability = optionalObject(raw, name);
      if (!capability) return false;
      rejectUnknown(capability, ['requested'], `capabilities[${name}]`);
      return nested(name, () => optionalBoolean(capability, 'requested')) ?? false;
    }));
  // Stripe refuses an express or custom account that asks for neither way of receiving money.
  if (type !== 'standard' && !requested.includes('transfers') && !requested.includes('card_payments')) {
    throw invalidParam('capabilities', `Accounts of type ${type} must request the \`transfers\` or \`card_payments\` capability.`);
  }
  return [...requested];
}
