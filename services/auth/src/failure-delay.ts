// How long an attempt on an email waits, given the failures on it in the window before this one:
// nothing for the first `free` failures (a user who mistypes a few times never notices), then
// 250 ms doubling with each further failure, capped at 10 s so the owner's sign-in still answers
// well inside the request deadline while a guesser is held to a few tries a minute.
export const failureWindowSeconds = 15 * 60;
const firstDelayMs = 250;
const maxDelayMs = 10_000;

export function failureDelayMs(failuresBefore: number, free: number): number {
  if (failuresBefore < free) return 0;
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(failuresBefore - free, 16));
}
