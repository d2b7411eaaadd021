import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthForm } from '@/components/AuthForm';

export const metadata: Metadata = { title: 'Sign In' };

export default function SignInPage() {
  return (
    <section className="narrow">
      <h1>Sign In</h1>
      <AuthForm mode="signin" />
      <p className="muted">
        New here? <Link href="/auth/signup">Create an account</Link>
      </p>
    </section>
  );
}
