import { capBadgeText } from '@/lib/price-cap';

/** Tells a buyer the price is capped relative to the printed price (a fair resale). */
export function CapBadge({ capPercent }: { capPercent: number }) {
  return <span className="badge badge-ok cap-badge">{capBadgeText(capPercent)}</span>;
}
