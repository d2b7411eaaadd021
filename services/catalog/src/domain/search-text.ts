// Full-text search that behaves the same on PostgreSQL and on PGlite, with no extension (no
// unaccent): both the indexed document and the query's words are folded here, in one place —
// lower case, accents dropped ("Zürich" → "zurich"), anything but letters and digits a separator
// ("AC/DC" → "ac dc"). The folded text goes to PostgreSQL's 'simple' configuration, which keeps
// every word as it is (no stemming, no stop words), so a word typed is a word found.

/** Lower case, accents removed, every run of non-letters/digits one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The document an event is found by: its name, venue and city. */
export function searchDocument(event: { name: string; venue: string; city: string }): string {
  return foldText(`${event.name} ${event.venue} ${event.city}`);
}

/**
 * The tsquery text for what a user typed: every word must match, each as a prefix
 * (`word:* & word:*`). Folding leaves only letters and digits, so no tsquery operator
 * (& | ! <-> : * ( ) ') can reach PostgreSQL; the text still travels as a bound parameter.
 * Null when nothing searchable is left (then no text filter applies).
 */
export function prefixQuery(typed: string): string | null {
  const words = foldText(typed).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  return [...new Set(words)].map((word) => `${word}:*`).join(' & ');
}

/** The key of the exact, case-insensitive city filter (stored beside the city as typed). */
export function cityKey(city: string): string {
  return city.trim().normalize('NFC').toLowerCase();
}
