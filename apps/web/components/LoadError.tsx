/** Shown when the gateway can't be reached, instead of letting the page fail with a 500. */
export function LoadError({ what }: { what: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>We could not load {what} right now.</strong>
      </p>
      <p>The service may be starting up or briefly unavailable. Please reload the page in a moment.</p>
    </div>
  );
}
