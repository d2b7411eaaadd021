import type { OrderMoney } from '@/lib/types';
import { moneyTimeline } from '@/lib/money-timeline';

/** The buyer's money, step by step; until payouts has booked the payment, a line saying so. */
export function MoneyTimeline({ money, eventCancelled }: { money: OrderMoney | null; eventCancelled: boolean }) {
  const lines = money ? moneyTimeline(money, { eventCancelled }) : [];
  return (
    <section className="money-timeline" aria-labelledby="money-timeline-heading">
      <h2 id="money-timeline-heading">Your money</h2>
      {lines.length > 0 ? (
        <ol aria-label="Money timeline">
          {lines.map((line) => (
            <li key={line.key}>{line.text}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">Where your payment is will show here in a moment.</p>
      )}
    </section>
  );
}
