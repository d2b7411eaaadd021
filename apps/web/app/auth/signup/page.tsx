import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthForm } from '@/components/AuthForm';

export const metadata: Metadata = { title: 'Sign Up' };

export default function SignUpPage() {
  return (
    <section className="narrow">
      <h1>Sign Up</h1>
      <AuthForm mode="signup" />
      <p className="muted">
        Already have an account? <Link href="/auth/signin">Sign in</Link>
      </p>
    </section>
  );
}
