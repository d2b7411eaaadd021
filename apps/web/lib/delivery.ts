// Issue 17 (docs/ticket-delivery.md): the seller's ticket file, the buyer's pass and the door's
// check-in, as the web client shows them. Pure helpers; the API decides (size, type, who may).
import { maxPriceFor } from './price-cap';

/** The types delivery takes for a ticket file (the gateway's routing table says the same). */
export const TICKET_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type TicketFileType = (typeof TICKET_FILE_TYPES)[number];

/** 2 MiB: the most a ticket file may weigh, at the gateway and at the service. */
export const TICKET_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** What the file input offers (the types and their usual extensions). */
export const TICKET_FILE_ACCEPT = [...TICKET_FILE_TYPES, '.pdf', '.png', '.jpg', '.jpeg', '.txt'].join(',');

const BY_EXTENSION: Record<string, TicketFileType> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain',
};

/**
 * The Content-Type to send a chosen file with: the browser's own when it is one delivery takes,
 * else one read from the name's extension (some systems give no type for .txt or .pdf), else
 * undefined. Delivery checks the bytes themselves whatever is sent.
 */
export function ticketFileType(file: { type: string; name: string }): TicketFileType | undefined {
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  if ((TICKET_FILE_TYPES as readonly string[]).includes(type)) return type as TicketFileType;
  if (type !== '' && type !== 'application/octet-stream') return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return extension ? BY_EXTENSION[extension] : undefined;
}

/** Why a chosen file cannot be sent, before sending it (undefined: it may go). */
export function ticketFileProblem(file: { type: string; name: string; size: number }): string | undefined {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > TICKET_FILE_MAX_BYTES) return `The file is ${formatBytes(file.size)}; a ticket file may be at most 2 MB.`;
  if (!ticketFileType(file)) return 'Attach a PDF, a PNG or JPEG image, or a text file with the barcode.';
  return undefined;
}

/** 1536 → "1.5 KB", 2097152 → "2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** "PDF", "PNG image", … for the seller's "attached" line. */
export function ticketFileKind(contentType: string | null | undefined): string {
  switch (contentType?.split(';')[0]?.trim().toLowerCase()) {
    case 'application/pdf': return 'PDF';
    case 'image/png': return 'PNG image';
    case 'image/jpeg': return 'JPEG image';
    case 'text/plain': return 'barcode text';
    default: return 'file';
  }
}

export type PassStatus = 'valid' | 'revoked';
export type RevocationReason = 'resold' | 'refunded' | 'checked-in';

/** GET /api/orders/:id/pass, the buyer's. */
export interface Pass {
  token: string;
  status: PassStatus;
  reason?: RevocationReason | string;
  generation: number;
  ticketId: string;
  eventId?: string;
  /** When it was admitted at the door, once it was. */
  checkedInAt?: string;
}

/** The pass's status as its holder reads it. */
export function passStatusText(pass: Pick<Pass, 'status' | 'reason' | 'checkedInAt'>): string {
  if (pass.status === 'valid') return pass.checkedInAt ? 'Used — checked in at the door' : 'Valid';
  switch (pass.reason) {
    case 'resold': return 'Revoked — you resold this ticket';
    case 'refunded': return 'Revoked — the order was refunded';
    case 'checked-in': return 'Used — checked in at the door';
    default: return 'Revoked';
  }
}

export type CheckinStatus = 'valid' | 'revoked' | 'forged';

/** POST /api/checkin/verify's answer. */
export interface CheckinResult {
  status: CheckinStatus;
  reason?: string;
  ticketId?: string;
  eventId?: string;
  generation?: number;
  checkedInAt?: string;
}

/** The headline of a scan: what the door staff acts on. */
export function checkinHeadline(result: Pick<CheckinResult, 'status'>, recorded: boolean): string {
  switch (result.status) {
    case 'valid': return recorded ? 'Valid — admitted' : 'Valid';
    case 'revoked': return 'Revoked — do not admit';
    default: return 'Forged — do not admit';
  }
}

/** Why a pass is revoked or forged, in words (a reason the API names that we do not know is shown as is). */
export function checkinReasonText(result: Pick<CheckinResult, 'status' | 'reason'>): string | undefined {
  if (result.status === 'forged' && !result.reason) return 'This is not a pass the platform signed, or it was altered.';
  if (!result.reason) return undefined;
  if (result.status === 'revoked') {
    switch (result.reason) {
      case 'resold': return 'The ticket was resold: this is an older pass.';
      case 'refunded': return 'The order was refunded.';
      case 'checked-in': return 'This pass was already checked in.';
    }
  }
  return result.reason;
}

/** A pasted code without the whitespace and line breaks a copy from a PDF or a chat adds. */
export function cleanPassCode(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** The resale form's cap line, or undefined for a ticket without a face value (no cap). */
export function resaleCapHint(ticket: { faceValue?: number; capPercent?: number }, format: (amount: number) => string): string | undefined {
  if (ticket.faceValue === undefined || ticket.capPercent === undefined) return undefined;
  const max = maxPriceFor(ticket.faceValue, ticket.capPercent);
  return `At most ${format(max)}: ${ticket.capPercent} % of the face value (${format(ticket.faceValue)}).`;
}
