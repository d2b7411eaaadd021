// A listing of an event's page in ticket JSON (as GET /api/tickets shows it): only available
// listings are shown there, so `reserved` is always false and no holding order is named.
import { fromCents } from './money';

export interface ListingRow {
  id: string;
  eventId: string;
  title: string;
  priceCents: number;
  faceValueCents: number | null;
  capPercent: number | null;
  userId: string;
  reserved: boolean;
  withdrawn: boolean;
  version: number;
}

export interface ListingJson {
  id: string;
  title: string;
  price: number;
  userId: string;
  version: number;
  reserved: boolean;
  eventId: string;
  faceValue?: number;
  capPercent?: number;
}

export function toListingJson(listing: ListingRow): ListingJson {
  const json: ListingJson = {
    id: listing.id, title: listing.title, price: fromCents(listing.priceCents), userId: listing.userId,
    version: listing.version, reserved: listing.reserved, eventId: listing.eventId,
  };
  if (listing.faceValueCents !== null) json.faceValue = fromCents(listing.faceValueCents);
  if (listing.capPercent !== null) json.capPercent = listing.capPercent;
  return json;
}
