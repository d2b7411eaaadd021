import { TEST_CARDS } from '@/lib/test-cards';

/** Payments run against a Stripe simulator, so only Stripe's test cards mean anything here. */
export function TestCardList({ onPick }: { onPick: (cardNumber: string) => void }) {
  return (
    <section className="test-cards" aria-labelledby="test-cards-heading">
      <h2 id="test-cards-heading">Test cards</h2>
      <p className="muted">Use any future expiry date and any 3-digit CVC.</p>
      <ul>
        {TEST_CARDS.map((card) => (
          <li key={card.token}>
            <code>{card.number}</code>
            <span className="test-card-outcome">{card.outcome}</span>
            <button type="button" className="button button-small" onClick={() => onPick(card.number)} aria-label={`Use card ${card.number}`}>
              Use
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
