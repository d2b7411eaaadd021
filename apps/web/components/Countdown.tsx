/** Whole seconds, rounded up: "0 seconds" would read as expired while the order is still payable. */
export function Countdown({ msLeft }: { msLeft: number }) {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return (
    <p className="countdown" role="timer" aria-live="off">
      {`Time left to pay: ${seconds} seconds`}
    </p>
  );
}
