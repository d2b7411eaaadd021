// The pass as a picture: a QR code of its token (SVG for screens, PNG inside the PDF) and a
// one-page PDF with the code and the ticket's details.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { PassRow } from '../db/passes.repository';
import type { EventRow } from '../db/replicas.repository';

export function passQrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export interface PassDetails { pass: PassRow; ticketTitle?: string; event?: EventRow }

export async function passPdf({ pass, ticketTitle, event }: PassDetails): Promise<Buffer> {
  const qr = await QRCode.toBuffer(pass.token, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Pass ${pass.orderId}`, Author: 'Ticketing' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(24).text(event?.name ?? ticketTitle ?? 'Ticket');
  if (event) {
    doc.moveDown(0.3).fontSize(13).text(`${event.venue}, ${event.city}`);
    doc.text(new Date(event.startsAt).toUTCString());
  }
  doc.moveDown(0.6).fontSize(12);
  if (ticketTitle) doc.text(`Ticket: ${ticketTitle}`);
  doc.text(`Order: ${pass.orderId}`);
  doc.text(`Generation: ${pass.generation}`);
  doc.text(`Status: ${pass.revokedReason ? `revoked (${pass.revokedReason})` : 'valid'}`);
  doc.moveDown(1);
  doc.image(qr, { fit: [300, 300], align: 'center' });
  doc.moveDown(0.5).fontSize(9).fillColor('#555')
    .text('Show this code at the door. It admits once; a resold or refunded ticket\'s code is refused.', { align: 'left' });
  doc.end();
  return done;
}
