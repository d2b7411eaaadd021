import Link from 'next/link';
import type { CurrentUser, Order, Ticket } from '@/lib/types';
import { serverGet, serverHead } from '@/lib/server-api';
import { getTicket } from '@/lib/tickets';
import { formatPrice } from '@/lib/format';
import { passStatusText, resaleCapHint, type Pass } from '@/lib/delivery';
import { RefreshWhile } from './RefreshWhile';
import { ResellForm } from './ResellForm';

/**
 * A complete order's delivery (docs/ticket-delivery.md): the seller's file, the pass the platform
 * signed (its QR code and PDF, its status) and reselling the ticket. Each part is delivery's or
 * tickets'; one that cannot be read says so without failing the page.
 */
export async function OrderDelivery({ order, user }: { order: Order; user: CurrentUser | null }) {
  const id = encodeURIComponent(order.id);
  const [passResult, file, ticketResult] = await Promise.all([
    serverGet<Pass>(`/api/orders/${id}/pass`), serverHead(`/api/orders/${id}/ticket`), getTicket(order.ticket.id),
  ]);
  const pass = passResult.kind === 'ok' ? passResult.data : null;
  const ticket: Ticket | null = ticketResult.kind === 'ok' ? ticketResult.data : null;
  const resold = pass?.status === 'revoked' && pass.reason === 'resold';
  // Listed again by this buyer and not sold yet: the ticket's seller is now them, a generation on.
  const relisted = Boolean(pass && ticket && user && ticket.userId === user.id && (ticket.generation ?? 0) > pass.generation);
  const holds = pass?.status === 'valid' && !relisted;

  return (
    <>
      <section className="delivery" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">Your ticket</h2>
        {file.kind === 'ok' && (
          <p>
            <a className="button button-primary" href={`/api/orders/${id}/ticket`} download>
              Download your ticket
            </a>
          </p>
        )}
        {file.kind === 'status' && file.status === 404 && <p className="notice notice-info">Waiting for the seller to attach the ticket</p>}
        {file.kind === 'status' && file.status === 403 && resold && <p className="muted">You resold this ticket, so its file went to the new buyer.</p>}
        {file.kind === 'unreachable' && <p className="muted">The ticket file cannot be checked right now.</p>}

        {pass ? (
          <div className="pass">
            <p>
              Pass status: <span className={`badge ${pass.status === 'valid' ? 'badge-ok' : 'badge-danger'}`}>{passStatusText(pass)}</span>
            </p>
            {pass.status === 'valid' && (
              <>
                {/* A plain img: an SVG the API renders per order, not a static asset for next/image. */}
                <img className="pass-qr" src={`/api/orders/${id}/pass/qr.svg`} alt="Your pass as a QR code" width={240} height={240} />
                <p className="muted">Show this code at the door. Screenshots of an older pass stop working once the ticket is resold.</p>
              </>
            )}
            <p>
              <a href={`/api/orders/${id}/pass/pdf`} download>
                Download pass (PDF)
              </a>
            </p>
          </div>
        ) : (
          <>
            <p className="muted">Your pass is being issued; it shows here in a moment.</p>
            {/* Delivery issues it from order:completed, a moment after the order completes (403 until then). */}
            {passResult.kind === 'status' && <RefreshWhile everyMs={2000} forMs={30_000} />}
          </>
        )}
        {/* Waiting for the seller: the file appears without a reload once it is attached. */}
        {file.kind === 'status' && file.status === 404 && pass && <RefreshWhile everyMs={5000} forMs={120_000} />}
      </section>
      {relisted && ticket && (
        <section className="resell" aria-labelledby="resell-heading">
          <h2 id="resell-heading">Resell</h2>
          <p>
            You listed this ticket for resale at {formatPrice(ticket.price)}. <Link href={`/tickets/${ticket.id}`}>View your listing</Link>
          </p>
        </section>
      )}
      {holds && ticket && <ResellForm ticketId={order.ticket.id} capHint={resaleCapHint(ticket, formatPrice)} />}
    </>
  );
}
