import type { PayoutAccountStatus, Sale, SaleState } from './types';
import { formatMoment, formatMoney } from './format';
import { reasonText } from './payout-reason';
import type { StatusTone } from './order-status';

export interface SaleWords {
  /** A short label for the badge. */
  label: string;
  tone: StatusTone;
  /** The sentence: what happened, when, and why. */
  detail: string;
  /** Set when the seller owes money back on this sale. */
  owed?: string;
}

type SaleFacts = Pick<Sale, 'state' | 'payableAt' | 'transferredAt' | 'refundedAt' | 'reversedAt' | 'debt' | 'currency' | 'why'>;

const LABELS: Record<SaleState, { label: string; tone: StatusTone }> = {
  held: { label: 'Held', tone: 'pending' },
  payable: { label: 'Ready to pay out', tone: 'pending' },
  transferred: { label: 'Paid out', tone: 'ok' },
  refunded: { label: 'Refunded', tone: 'muted' },
  reversed: { label: 'Reversed', tone: 'muted' },
};

/** "Held until 3 Dec 2026, 20:00 UTC — 48 hours after the event", "Paid out on …", and so on. */
export function saleWords(sale: SaleFacts, account: PayoutAccountStatus, timeZone?: string): SaleWords {
  const { label, tone } = LABELS[sale.state] ?? { label: sale.state, tone: 'pending' as const };
  const when = (iso: string | null | undefined) => (iso ? formatMoment(iso, timeZone) : undefined);
  const why = reasonText(sale.why);
  const owed = sale.debt > 0 ? `You owe ${formatMoney(sale.debt, sale.currency)}` : undefined;
  switch (sale.state) {
    case 'held':
      return { label, tone, detail: joined(`Held until ${when(sale.payableAt)}`, why) };
    case 'payable':
      // Time is up; only onboarding (or the provider being away) stands between the seller and the money.
      return {
        label, tone,
        detail: account === 'enabled'
          ? joined('Being paid out now', why)
          : 'Ready to be paid — finish setting up payouts to be paid',
      };
    case 'transferred':
      return { label, tone, detail: joined(dated('Paid out', when(sale.transferredAt)), why) };
    case 'refunded':
      return { label, tone, detail: joined(dated('Refunded to the buyer', when(sale.refundedAt)), why) };
    case 'reversed':
      return { label, tone, detail: joined(dated('Reversed', when(sale.reversedAt)), why ?? 'the buyer was refunded'), owed };
    default:
      return { label, tone, detail: joined(label, why), owed };
  }
}

function dated(what: string, when: string | undefined): string {
  return when ? `${what} on ${when}` : what;
}

function joined(what: string, why: string | undefined): string {
  return why ? `${what} — ${why}` : what;
}
