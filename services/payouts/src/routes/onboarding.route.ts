// POST /api/payouts/onboarding — the seller's connected account (created once, even when two
// requests race: a claim row and a key derived from the seller make them one) and a fresh
// single-use Account Link to finish setting it up. No transaction is open while Stripe is called.
import { requireAuth, requireUser, ServiceUnavailable, type Db, type HttpApp } from '@ticketing/common';
import { claimAccount, findAccount, recordStripeAccount } from '../db/accounts.repository';
import { accountKey } from '../domain/idempotency-keys';
import { ProviderUnavailable, type PayoutsProvider } from '../provider/payouts-provider.port';

export interface OnboardingDeps {
  db: Db;
  provider: PayoutsProvider;
  webUrl: string;
}

export function registerOnboarding(app: HttpApp, deps: OnboardingDeps): void {
  app.post('/api/payouts/onboarding', { onRequest: requireAuth }, async (request) => {
    const user = requireUser(request);
    await claimAccount(deps.db, user.id);
    const known = (await findAccount(deps.db, user.id))?.stripeAccountId;
    const web = deps.webUrl.replace(/\/+$/, '');
    try {
      const accountId = known ?? (await recordStripeAccount(deps.db, user.id, await deps.provider.createAccount(user.id, accountKey(user.id)))).stripeAccountId!;
      const url = await deps.provider.createAccountLink(accountId, {
        refreshUrl: `${web}/payouts?onboarding=refresh`, returnUrl: `${web}/payouts?onboarding=return`,
      });
      return { url };
    } catch (error) {
      if (error instanceof ProviderUnavailable) throw new ServiceUnavailable('Payouts setup is unavailable right now; try again shortly');
      throw error;
    }
  });
}
