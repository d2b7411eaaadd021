import type { PayoutTotals as Totals } from '@/lib/types';
import { formatMoney } from '@/lib/format';

/** Where the seller's money is: at the marketplace, ready, paid out, or owed back. */
export function PayoutTotals({ totals }: { totals: Totals }) {
  const rows: [string, number][] = [
    ['Held', totals.held],
    ['Ready to pay out', totals.payable],
    ['Paid out', totals.transferred],
    ['You owe', totals.debt],
  ];
  return (
    <dl className="payout-totals">
      {rows.map(([label, amount]) => (
        <div key={label} className={label === 'You owe' && amount > 0 ? 'card payout-total payout-debt' : 'card payout-total'}>
          <dt>{label}</dt>
          <dd className="price">{formatMoney(amount, totals.currency)}</dd>
        </div>
      ))}
    </dl>
  );
}
