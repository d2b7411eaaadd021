// <input type="datetime-local"> speaks the browser's local wall-clock time without a zone
// ("2027-06-12T20:00"); the API wants an instant with a zone. These run in the browser, whose
// zone is the one the visitor typed in.

/** "2027-06-12T20:00" (local) → "2027-06-12T18:00:00.000Z", or null when it is not a date. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant → the local "YYYY-MM-DDTHH:mm" an input shows. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
