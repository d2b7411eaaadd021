import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Payouts } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { saleDetails } from '@/lib/sale-details';
import { accountWords, moneyWaitsForOnboarding } from '@/lib/payout-account';
import { onboardingReturn } from '@/lib/onboarding';
import { formatMoney } from '@/lib/format';
import { PayoutsSetupButton } from '@/components/PayoutsSetupButton';
import { PayoutTotals } from '@/components/PayoutTotals';
import { SaleList } from '@/components/SaleList';
import { RefreshWhile } from '@/components/RefreshWhile';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Payouts' };

export default async function PayoutsPage({ searchParams }: PageProps<'/payouts'>) {
  const back = onboardingReturn((await searchParams).onboarding);
  // The payouts call itself says whether the visitor is signed in (401), so no separate check.
  const result = await serverGet<Payouts>('/api/payouts');
  if (result.kind === 'status' && result.status === 401) redirect('/auth/signin');
  if (result.kind !== 'ok') {
    return (
      <>
        <h1>Payouts</h1>
        <LoadError what="your payouts" />
      </>
    );
  }

  const payouts = result.data;
  const status = payouts.account.status;
  const account = accountWords(status);
  const details = await saleDetails(payouts.sales);
  return (
    <>
      <h1>Payouts</h1>

      {back === 'return' && (
        <div className="notice notice-info" role="status">
          <p>
            {status === 'enabled' ? 'Thanks — your details are confirmed.' : 'Thanks — your details are being checked.'}
          </p>
          {status !== 'enabled' && <p>This page updates when they are confirmed.</p>}
          {status !== 'enabled' && <RefreshWhile />}
        </div>
      )}
      {back === 'refresh' && status !== 'enabled' && (
        <div className="notice notice-warning" role="status">
          <p>
            <strong>That setup link has expired or was already used.</strong>
          </p>
          <p>Get a new one to carry on where you left off.</p>
          <PayoutsSetupButton label="Get a new setup link" />
        </div>
      )}

      {moneyWaitsForOnboarding(payouts) && (
        <div className="notice notice-warning">
          <p>
            <strong>Finish setting up payouts to be paid.</strong>
          </p>
          <p>{formatMoney(payouts.totals.payable, payouts.totals.currency)} is ready for you as soon as you do.</p>
        </div>
      )}

      <section className="card payout-account" aria-labelledby="payout-account-heading">
        <h2 id="payout-account-heading">Your payout account</h2>
        <p className={status === 'enabled' ? 'payout-status payout-status-ok' : 'payout-status'}>{account.text}</p>
        {account.canSetUp && back !== 'refresh' && <PayoutsSetupButton />}
        <p className="muted">
          Buyers&apos; money is held by the marketplace until the event is over, then paid out to you minus the fee.
        </p>
      </section>

      <section className="section" aria-labelledby="payout-totals-heading">
        <h2 id="payout-totals-heading">Totals</h2>
        <PayoutTotals totals={payouts.totals} />
      </section>

      <section className="section" aria-labelledby="payout-sales-heading">
        <h2 id="payout-sales-heading">Sales</h2>
        {payouts.sales.length > 0 ? (
          <SaleList sales={payouts.sales} account={status} details={details} />
        ) : (
          <p className="muted">
            No sales yet. <Link href="/tickets/new">Sell a ticket</Link>
          </p>
        )}
      </section>
    </>
  );
}
