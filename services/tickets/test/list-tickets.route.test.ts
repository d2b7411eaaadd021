import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/domain/cursor';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

// Each suite has its own schema, so the list holds only the tickets made here.
describe('GET /api/tickets', () => {
  let harness: TicketsHarness;
  const created: string[] = [];
  beforeAll(async () => {
    harness = await startTickets({ bus: 'memory' });
    const seller = await harness.sessions.newUser();
    for (let index = 0; index < 7; index += 1) created.push((await createTicket(harness, seller.cookie, { title: `T${index}`, price: index + 1 })).id);
    // Reserve the third one directly, as order:created would: it must leave the list.
    await harness.database.db.query('UPDATE tickets SET order_id = $1, version = version + 1 WHERE id = $2', [crypto.randomUUID(), created[2]]);
  });
  afterAll(() => harness.close());

  const get = (url: string) => harness.service.http.inject({ method: 'GET', url });

  // Newest first (issue 15; was oldest first): a new listing is on the first page.
  const available = () => created.filter((_, index) => index !== 2).reverse();

  it('lists available tickets newest first, anonymously, without reserved ones', async () => {
    const response = await get('/api/tickets');
    expect(response.statusCode).toBe(200);
    const ids = response.json().map((ticket: { id: string }) => ticket.id);
    expect(ids).toEqual(available());
    expect(response.headers.link).toBeUndefined();
    expect(response.json()[0]).toEqual({ id: created[6], title: 'T6', price: 7, userId: expect.any(String), version: 0, reserved: false });
  });

  it('pages with limit and a Link header until the last page', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/tickets?limit=2';
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json() as Array<{ id: string }>;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((ticket) => ticket.id));
      pages += 1;
      const link = response.headers.link as string | undefined;
      if (link) expect(link).toMatch(/^<\/api\/tickets\?limit=2&after=[A-Za-z0-9_-]+>; rel="next"$/);
      url = link ? /^<([^>]+)>/.exec(link)![1] : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(available());
  });

  it('a page that ends exactly at the last ticket has no Link', async () => {
    const response = await get('/api/tickets?limit=6');
    expect(response.json()).toHaveLength(6);
    expect(response.headers.link).toBeUndefined();
  });

  it.each(['0', '101', '-1', 'abc', '1.5', ''])('limit=%s → 400 naming limit', async (limit) => {
    const response = await get(`/api/tickets?limit=${limit}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('limit');
  });

  it.each([
    'garbage!',
    'bm90LWEtY3Vyc29y',
    Buffer.from('2024-01-01T00:00:00.000000Z|not-an-id').toString('base64url'),
    Buffer.from('yesterday|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    Buffer.from('2024-02-31T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    Buffer.from('0000-01-01T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    // A cursor of the old shape (created_at|id, before sorts existed) names no sort.
    Buffer.from('2024-01-01T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    Buffer.from('newest|2024-02-31T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    Buffer.from('price|0|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    Buffer.from('oldest|2024-01-01T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url'),
    '',
  ])('after=%s (not a cursor we issued) → 400 naming after', async (after) => {
    const response = await get(`/api/tickets?after=${after}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('after');
  });

  it('a well-formed cursor past the end gives an empty page', async () => {
    const after = encodeCursor({ sort: 'newest', createdAt: '1970-01-01T00:00:00.000000Z', id: crypto.randomUUID() });
    const response = await get(`/api/tickets?after=${after}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });
});
