import Link from 'next/link';
import type { PayoutAccountStatus, Sale } from '@/lib/types';
import type { SaleDetails } from '@/lib/sale-details';
import { formatMoney } from '@/lib/format';
import { saleWords } from '@/lib/sale-state';

interface Props {
  sales: Sale[];
  account: PayoutAccountStatus;
  /** The tickets' titles and the events; a ticket that could not be looked up is shown as "Ticket". */
  details: SaleDetails;
}

/** Each sale: its ticket, what the buyer paid, the fee, what the seller gets, and where it is. */
export function SaleList({ sales, account, details }: Props) {
  return (
    <ul className="card-list" aria-label="Sales">
      {sales.map((sale) => {
        const event = sale.eventId ? details.events.get(sale.eventId) : undefined;
        const words = saleWords(sale, account, event);
        return (
          <li key={sale.orderId} className="card sale-card">
            <p className="sale-head">
              <Link href={`/tickets/${encodeURIComponent(sale.ticketId)}`} className="ticket-title">
                {details.titles.get(sale.ticketId) ?? 'Ticket'}
              </Link>
              <span className={`badge badge-${words.tone}`}>{words.label}</span>
            </p>
            {event && sale.eventId && (
              <p className="sale-event">
                <Link href={`/events/${encodeURIComponent(sale.eventId)}`}>{event.name}</Link>
              </p>
            )}
            <dl className="sale-amounts">
              <div>
                <dt>Paid by the buyer</dt>
                <dd className="price">{formatMoney(sale.gross, sale.currency)}</dd>
              </div>
              <div>
                <dt>Fee</dt>
                <dd className="price">{formatMoney(sale.fee, sale.currency)}</dd>
              </div>
              <div>
                <dt>You get</dt>
                <dd className="price">{formatMoney(sale.net, sale.currency)}</dd>
              </div>
            </dl>
            <p className="sale-state">{words.detail}</p>
            {words.owed && <p className="sale-owed">{words.owed}</p>}
          </li>
        );
      })}
    </ul>
  );
}
