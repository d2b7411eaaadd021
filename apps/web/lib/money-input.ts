/**
 * A well-formed amount goes as a number; anything else is sent as typed so the API explains what
 * is wrong. An empty field is left out (undefined) rather than sent as "".
 */
export function moneyValue(raw: string): number | string | undefined {
  const trimmed = raw.trim().replace(/^\$/, '');
  if (trimmed === '') return undefined;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}
