// The few PaymentIntent defaults that changed between API versions and that an adapter notices.
// Versions are compared by their date prefix ("2026-10-28.endive" → "2026-10-28").

/** The version the bundled stripe SDK (23.1.0) pins; used when a request sends none. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** Since 2023-08-16 a PaymentIntent without payment_method_types uses automatic payment methods. */
const AUTOMATIC_PAYMENT_METHODS_DEFAULT = '2023-08-16';
/** Since 2024-04-10 the default capture_method is `automatic_async`. */
const AUTOMATIC_ASYNC_CAPTURE_DEFAULT = '2024-04-10';
/**
 * 2026-09-30.endive removed `payment_method_types` from PaymentIntent create/confirm in favour of
 * `allowed_payment_method_types` (stripe-node 23.0.0 changelog; its types no longer have it).
 */
const PAYMENT_METHOD_TYPES_REMOVED = '2026-09-30';

function atLeast(version: string, since: string): boolean {
  return version.slice(0, 10) >= since;
}

export function automaticPaymentMethodsByDefault(version: string): boolean {
  return atLeast(version, AUTOMATIC_PAYMENT_METHODS_DEFAULT);
}

export function defaultCaptureMethod(version: string): 'automatic' | 'automatic_async' {
  return atLeast(version, AUTOMATIC_ASYNC_CAPTURE_DEFAULT) ? 'automatic_async' : 'automatic';
}

export function acceptsPaymentMethodTypes(version: string): boolean {
  return !atLeast(version, PAYMENT_METHOD_TYPES_REMOVED);
}

/** `2026-10-28.endive`, or a plain date for versions before release names (`2023-05-16`). */
export function isApiVersion(version: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version);
}
