// Shapes from /work/shared/spec/api.md, as the browser and SSR see them.

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
}

export type OrderStatus = 'created' | 'cancelled' | 'awaiting:payment' | 'complete';

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  expiresAt: string;
  version: number;
  ticket: { id: string; title: string; price: number; version: number };
}
