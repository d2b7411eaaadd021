import type { Metadata } from 'next';
import { SignOut } from '@/components/SignOut';

export const metadata: Metadata = { title: 'Sign Out' };

export default function SignOutPage() {
  return (
    <section className="narrow">
      <h1>Sign Out</h1>
      <SignOut />
    </section>
  );
}
