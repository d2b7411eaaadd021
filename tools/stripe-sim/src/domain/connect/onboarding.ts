// The hosted onboarding an Account Link opens: a link works once and until it expires (on the
// simulator's clock); a used or expired one sends the browser to its refresh_url, as Stripe's do.
import type Stripe from 'stripe';
import type { Store, SimAccountLink } from '../store';
import { completeOnboarding, type OnboardingDeps } from './accounts';

export type LinkLookup =
  | { kind: 'missing' }
  | { kind: 'spent'; link: SimAccountLink }
  | { kind: 'open'; link: SimAccountLink; account: Stripe.Account };

export function lookupLink(store: Store, token: string, nowSeconds: number): LinkLookup {
  const link = store.accountLinks.get(token);
  const account = link && store.accounts.get(link.account);
  if (!link || !account) return { kind: 'missing' };
  if (link.used_at !== null || nowSeconds >= link.expires_at) return { kind: 'spent', link };
  return { kind: 'open', link, account };
}

/** The form was submitted: the link is used up and the account onboarded. Returns where to go next. */
export function submitOnboarding(deps: OnboardingDeps, link: SimAccountLink, name: string): string {
  link.used_at = deps.nowSeconds();
  deps.store.accountLinks.set(link.token, link);
  completeOnboarding(deps, link.account, name);
  return link.return_url;
}
