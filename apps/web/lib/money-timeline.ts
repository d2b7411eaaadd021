import type { MoneyStep, OrderMoney } from './types';
import { formatMoment, formatMoney } from './format';

export interface TimelineLine {
  key: string;
  at: string;
  text: string;
}

const CHARGED = new Set(['charged', 'charge']);
const RELEASED = new Set(['released', 'transferred', 'transfer']);

/**
 * The buyer's order in money: "Charged $x on …", "Held by the marketplace until the event is
 * over", then "Released to the seller on …" or "Refunded on …". Worded here from each step's
 * state and time (the service's `why` is its own); a timeline that starts at `held` (the charge
 * booked as the hold) still opens with the charge. `eventCancelled` comes from the order.
 */
export function moneyTimeline(
  money: Pick<OrderMoney, 'gross' | 'currency' | 'timeline'>,
  options: { eventCancelled?: boolean; timeZone?: string } = {},
): TimelineLine[] {
  const when = (iso: string) => formatMoment(iso, options.timeZone);
  const charged = (at: string) => `Charged ${formatMoney(money.gross, money.currency)} on ${when(at)}`;
  const lines: TimelineLine[] = [];
  let sawCharge = false;
  let sawHold = false;
  for (const [index, step] of [...money.timeline].sort(byTime).entries()) {
    const key = `${index}-${step.state}`;
    const state = step.state.toLowerCase();
    if (CHARGED.has(state)) {
      sawCharge = true;
      lines.push({ key, at: step.at, text: charged(step.at) });
    } else if (state === 'held') {
      if (!sawCharge) lines.push({ key: `${key}-charge`, at: step.at, text: charged(step.at) });
      sawCharge = true;
      // A re-timed hold is still the same hold for the buyer.
      if (!sawHold) lines.push({ key, at: step.at, text: 'Held by the marketplace until the event is over' });
      sawHold = true;
    } else if (state === 'payable') {
      lines.push({ key, at: step.at, text: 'The event is over: being released to the seller' });
    } else if (RELEASED.has(state)) {
      lines.push({ key, at: step.at, text: `Released to the seller on ${when(step.at)}` });
    } else if (state === 'refunded' || state === 'refund') {
      lines.push({ key, at: step.at, text: `Refunded on ${when(step.at)}${options.eventCancelled ? ' — event cancelled' : ''}` });
    } else if (state === 'reversed' || state === 'reversal') {
      lines.push({ key, at: step.at, text: `Taken back from the seller on ${when(step.at)}` });
    } else {
      lines.push({ key, at: step.at, text: `${capitalised(step.state.replace(/[-_:]/g, ' '))} on ${when(step.at)}` });
    }
  }
  return lines;
}

function byTime(a: MoneyStep, b: MoneyStep): number {
  // Stable for equal or unreadable times: the service's order stands.
  return (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
