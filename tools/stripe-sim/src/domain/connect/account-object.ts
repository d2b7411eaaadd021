// A new connected account, shaped like Stripe's: nothing enabled until onboarding is done, the
// requested capabilities `inactive`, and what onboarding must collect in requirements.currently_due.
import type Stripe from 'stripe';
import { newId } from '../ids';

export type AccountType = 'express' | 'custom' | 'standard';

export interface AccountInit {
  type: AccountType;
  country: string;
  email: string | null;
  /** Capability names asked for with `capabilities[<name>][requested]=true`. */
  capabilities: string[];
  metadata: Record<string, string>;
}

/** What Stripe's hosted onboarding collects from a US individual; the simulator's form stands in for it. */
const ONBOARDING_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

const CURRENCY_OF_COUNTRY: Record<string, string> = {
  US: 'usd', GB: 'gbp', CA: 'cad', AU: 'aud', NZ: 'nzd', SG: 'sgd', CH: 'chf', HK: 'hkd', MX: 'mxn', BR: 'brl',
  IN: 'inr', SE: 'sek', NO: 'nok', DK: 'dkk', PL: 'pln', CZ: 'czk', JP: 'jpy',
};

export function defaultCurrency(country: string): string {
  return Object.hasOwn(CURRENCY_OF_COUNTRY, country) ? CURRENCY_OF_COUNTRY[country] : 'eur';
}

export function accountObject(init: AccountInit, created: number): Stripe.Account {
  const id = newId('acct');
  return {
    id,
    object: 'account',
    business_profile: {
      annual_revenue: null, estimated_worker_count: null, mcc: null, minority_owned_business_designation: null,
      monthly_estimated_revenue: { amount: 0, currency: defaultCurrency(init.country) },
      name: null, product_description: null, support_address: null, support_email: null, support_phone: null,
      support_url: null, url: null,
    },
    business_type: null,
    capabilities: Object.fromEntries(init.capabilities.map((name) => [name, 'inactive'])) as Stripe.Account.Capabilities,
    charges_enabled: false,
    controller: controllerOf(init.type),
    country: init.country,
    created,
    default_currency: defaultCurrency(init.country),
    details_submitted: false,
    email: init.email,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` } as Stripe.ApiList<Stripe.ExternalAccount>,
    future_requirements: requirements([], null),
    metadata: init.metadata,
    payouts_enabled: false,
    requirements: requirements(ONBOARDING_REQUIREMENTS, 'requirements.past_due'),
    settings: null,
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type: init.type,
  } as Stripe.Account;
}

/** Onboarding done: what it collected is no longer due, every requested capability is active. */
export function markOnboarded(account: Stripe.Account, name: string, now: number): void {
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.business_type = 'individual';
  account.requirements = requirements([], null);
  account.capabilities = Object.fromEntries(Object.keys(account.capabilities ?? {}).map((capability) => [capability, 'active'])) as Stripe.Account.Capabilities;
  account.tos_acceptance = { date: now, ip: '127.0.0.1', user_agent: 'stripe-sim onboarding' };
  if (account.business_profile) account.business_profile.name = name;
}

function requirements(due: string[], disabledReason: Stripe.Account.Requirements.DisabledReason | null): Stripe.Account.Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...due],
    disabled_reason: disabledReason,
    errors: [],
    eventually_due: [...due],
    past_due: [...due],
    pending_verification: [],
  };
}

function controllerOf(type: AccountType): Stripe.Account.Controller {
  const dashboard = type === 'express' ? 'express' : type === 'custom' ? 'none' : 'full';
  return {
    fees: { payer: type === 'standard' ? 'account' : 'application' },
    is_controller: true,
    losses: { payments: type === 'standard' ? 'stripe' : 'application' },
    requirement_collection: type === 'custom' ? 'application' : 'stripe',
    stripe_dashboard: { type: dashboard },
    type: 'application',
  } as Stripe.Account.Controller;
}
