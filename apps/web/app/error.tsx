'use client';

// Last line of defence for a page that throws: a friendly message instead of a blank screen.
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="narrow notice notice-error" role="alert">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Please try again in a moment.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
