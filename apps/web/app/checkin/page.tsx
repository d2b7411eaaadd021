import type { Metadata } from 'next';
import { CheckinForm } from '@/components/CheckinForm';

export const metadata: Metadata = { title: 'Check-in' };

/** The door: paste a pass's code, see whether it is valid, revoked or forged, and admit its holder. */
export default function CheckinPage() {
  return (
    <section className="narrow">
      <h1>Check a pass</h1>
      <p className="muted">
        Paste the code of a pass (the text of its QR code). Anyone can check a pass; recording an admission is for the
        event&apos;s organiser, signed in.
      </p>
      <CheckinForm />
    </section>
  );
}
