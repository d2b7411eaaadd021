'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { postJson } from '@/lib/client-api';
import { onboardingTarget } from '@/lib/onboarding';
import type { ApiError } from '@/lib/types';
import { FormErrors } from './FormErrors';

const BAD_LINK: ApiError = { message: 'The setup link we got back was not valid. Please try again.' };

/**
 * Asks for a fresh onboarding link and leaves for the payment provider's hosted form. A link is
 * single use and expires, so it is fetched on the click, never rendered into the page.
 */
export function PayoutsSetupButton({ label = 'Set up payouts' }: { label?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [pending, setPending] = useState(false);
  // A ref, not state: a double click lands before React re-renders the disabled button.
  const inFlight = useRef(false);

  async function setUp() {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setErrors([]);
    const result = await postJson<{ url?: unknown }>('/api/payouts/onboarding', {});
    const target = result.ok ? onboardingTarget(result.data?.url) : undefined;
    // Stays busy while the browser leaves for the provider's page.
    if (target) return window.location.assign(target);
    if (!result.ok && result.status === 401) return router.push('/auth/signin');
    setErrors(result.ok ? [BAD_LINK] : result.errors);
    inFlight.current = false;
    setPending(false);
  }

  return (
    <div className="payouts-setup">
      <FormErrors errors={errors} />
      <button type="button" className="button button-primary" onClick={setUp} disabled={pending} aria-busy={pending || undefined}>
        {label}
      </button>
    </div>
  );
}
