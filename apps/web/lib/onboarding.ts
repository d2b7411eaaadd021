/** Where the provider's hosted onboarding sends the seller back: docs/payouts.md (return_url, refresh_url). */
export type OnboardingReturn = 'return' | 'refresh';

export function onboardingReturn(value: string | string[] | undefined): OnboardingReturn | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === 'return' || first === 'refresh' ? first : undefined;
}

/**
 * The Account Link the API returned, if it is one a browser should be sent to: an absolute
 * http(s) address. Anything else (a `javascript:` URL, garbage) is refused rather than followed.
 */
export function onboardingTarget(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
