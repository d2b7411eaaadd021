import type { EventStatus, PayoutAccountStatus, Sale, SaleState } from './types';
import { formatMoment, formatMoney } from './format';
import { holdWords } from './hold-words';
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

/** What the page knows of the sale's event, if it has one and the catalog answered. */
export interface SaleEvent {
  startsAt: string;
  status: EventStatus;
}

type SaleFacts = Pick<Sale, 'state' | 'eventId' | 'payableAt' | 'transferredAt' | 'refundedAt' | 'reversedAt' | 'debt' | 'currency' | 'why' | 'timeline'>;

const LABELS: Record<SaleState, { label: string; tone: StatusTone }> = {
  held: { label: 'Held', tone: 'pending' },
  payable: { label: 'Ready to pay out', tone: 'pending' },
  transferred: { label: 'Paid out', tone: 'ok' },
  refunded: { label: 'Refunded', tone: 'muted' },
  reversed: { label: 'Reversed', tone: 'muted' },
};

const EVENT_CANCELLED = /event (was )?cancel+ed|event-cancel+ed/i;

/**
 * "Held until 3 Dec 2026, 20:00 UTC — 48 hours after the event", "Paid out on …", "Refunded to
 * the buyer — event cancelled". Worded from the sale's state and times (and its event), not from
 * the service's `why`, which is only read for whether the event was cancelled.
 */
export function saleWords(sale: SaleFacts, account: PayoutAccountStatus, event?: SaleEvent, timeZone?: string): SaleWords {
  const { label, tone } = LABELS[sale.state] ?? { label: sale.state, tone: 'pending' as const };
  const when = (iso: string | null | undefined) => (iso ? formatMoment(iso, timeZone) : undefined);
  const cancelled = event?.status === 'cancelled' || [sale.why, ...sale.timeline.map((step) => step.why)].some((why) => why && EVENT_CANCELLED.test(why));
  switch (sale.state) {
    case 'held':
      if (cancelled) return { label, tone, detail: 'Held — event cancelled: the buyer is being refunded' };
      return { label, tone, detail: joined(`Held until ${when(sale.payableAt)}`, holdReason(sale, event)) };
    case 'payable':
      // Time is up; only onboarding (or the provider being away) stands between the seller and the money.
      return {
        label, tone,
        detail: account === 'enabled' ? 'Being paid out now' : 'Ready to be paid — finish setting up payouts to be paid',
      };
    case 'transferred':
      return {
        label, tone,
        detail: joined(dated('Paid out', when(sale.transferredAt)), sale.refundedAt ? 'the buyer was refunded since: taking it back' : undefined),
      };
    case 'refunded':
      return { label, tone, detail: joined(dated('Refunded to the buyer', when(sale.refundedAt)), cancelled ? 'event cancelled' : undefined) };
    case 'reversed':
      return {
        label, tone,
        detail: joined(dated('Reversed', when(sale.reversedAt)), cancelled ? 'the buyer was refunded: event cancelled' : 'the buyer was refunded'),
        owed: sale.debt > 0 ? `You owe ${formatMoney(sale.debt, sale.currency)}` : undefined,
      };
    default:
      return { label, tone, detail: label };
  }
}

/** "48 hours after the event": the hold, when the event's start is known (or there is no event). */
function holdReason(sale: SaleFacts, event: SaleEvent | undefined): string | undefined {
  const payable = Date.parse(sale.payableAt);
  if (event) return Number.isNaN(payable) ? undefined : holdWords(payable - Date.parse(event.startsAt), 'event');
  if (!sale.eventId) {
    const charged = sale.timeline.find((step) => step.state === 'charged');
    return charged ? holdWords(payable - Date.parse(charged.at), 'sale') : undefined;
  }
  return 'after the event';
}

function dated(what: string, when: string | undefined): string {
  return when ? `${what} on ${when}` : what;
}

function joined(what: string, why: string | undefined): string {
  return why ? `${what} — ${why}` : what;
}
