// Shapes from /work/shared/spec/api.md and docs/events-and-price-caps.md, as the browser and SSR see them.

export interface ApiError {
  message: string;
  field?: string;
}

export interface CurrentUser {
  id: string;
  email: string;
}

export interface Ticket {
  id: string;
  title: string;
  price: number;
  userId: string;
  version: number;
  /** True while an order holds it. */
  reserved: boolean;
  /** The holding order: shown to the ticket's owner only. */
  orderId?: string;
  /** Issue 15: present only on a listing tied to an event. */
  eventId?: string;
  /** Issue 15: the printed price, present when the seller gave one. */
  faceValue?: number;
  /** Issue 15: the resale cap that applied, e.g. 120 for price ≤ 1.2 × faceValue. */
  capPercent?: number;
  /** Issue 17: how many times it was resold; present when > 0. */
  generation?: number;
}

export type EventStatus = 'scheduled' | 'cancelled';

/** An event (a concert on a date at a venue), owned by the catalog service. */
export interface MarketEvent {
  id: string;
  name: string;
  venue: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string;
  startsAt: string;
  status: EventStatus;
  version: number;
  userId: string;
}

/** What GET /api/events lists: an event with what is on sale for it. */
export interface EventSummary extends MarketEvent {
  availableTickets: number;
  minPrice: number | null;
}

/** GET /api/events/:id: the event with its available listings, cheapest first. */
export interface EventDetail extends EventSummary {
  tickets: Ticket[];
}

export type OrderStatus = 'created' | 'cancelled' | 'awaiting:payment' | 'complete' | 'refunded';

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  expiresAt: string;
  version: number;
  ticket: { id: string; title: string; price: number; version: number };
  /** Issue 15: set when the order was cancelled or refunded because its event was cancelled. */
  cancelReason?: 'event-cancelled';
}

// Issue 16: seller payouts (docs/payouts.md). Amounts are price units, like `price`.

export type PayoutAccountStatus = 'none' | 'pending' | 'enabled';

export type SaleState = 'held' | 'payable' | 'transferred' | 'reversed' | 'refunded';

/** One step of a sale's money: `why` is the service's short reason, when it gives one. */
export interface MoneyStep {
  state: string;
  at: string;
  why?: string | null;
}

export interface PayoutTotals {
  held: number;
  payable: number;
  transferred: number;
  debt: number;
  currency: string;
}

export interface Sale {
  orderId: string;
  ticketId: string;
  eventId?: string | null;
  gross: number;
  fee: number;
  net: number;
  currency: string;
  state: SaleState;
  payableAt: string;
  transferredAt?: string | null;
  refundedAt?: string | null;
  reversedAt?: string | null;
  debt: number;
  why?: string | null;
  timeline: MoneyStep[];
}

/** GET /api/payouts: the signed-in seller's account, totals and sales, newest first. */
export interface Payouts {
  account: { status: PayoutAccountStatus };
  totals: PayoutTotals;
  sales: Sale[];
}

/** GET /api/payouts/orders/:orderId: the buyer's view of the same money. */
export interface OrderMoney {
  orderId: string;
  state: string;
  gross: number;
  currency: string;
  timeline: MoneyStep[];
}
