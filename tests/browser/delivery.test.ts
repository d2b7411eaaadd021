import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { client } from '../support/stack-process';
import { useBrowserStack } from './support/browser-stack';
import { screenshotsFor } from './support/screenshots';
import { PASSWORD, buyAndPay, reloadUntilVisible, signIn, signUp, uniqueEmail, uniqueTitle } from './support/marketplace-ui';
import { inNinetyDays } from './support/events-ui';

// Ticket delivery (issue 17) in a real Chromium against `npm start`: a seller attaches a PDF when
// listing, a buyer pays and downloads the very same bytes, the pass verifies at the check-in page,
// the buyer resells, and once the second buyer has paid the first pass is revoked and the new
// holder's verifies.
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('ticket delivery in the web client', () => {
  const suite = useBrowserStack(() => ({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } }));

  /** The order page's ticket download: its bytes as the browser saved them. */
  async function downloadTicket(page: Page, orderId: string): Promise<Buffer> {
    await page.goto(`/orders/${orderId}`);
    await reloadUntilVisible(page, () => page.getByRole('link', { name: 'Download your ticket' }), 20_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download your ticket' }).click()]);
    return readFile((await download.path())!);
  }

  /** The pass of an order as its buyer's browser session reads it. */
  async function passOf(page: Page, orderId: string): Promise<{ token: string; status: string }> {
    const response = await page.request.get(`/api/orders/${orderId}/pass`);
    expect(response.status()).toBe(200);
    return response.json();
  }

  async function check(page: Page, token: string, record: boolean): Promise<string> {
    await page.goto('/checkin');
    await page.getByLabel('Pass code', { exact: true }).fill(token);
    const box = page.getByLabel('Record admission');
    if (record) await box.check(); else await box.uncheck();
    await page.getByRole('button', { name: 'Check pass' }).click();
    const headline = page.getByRole('status').locator('strong');
    await headline.waitFor();
    return (await page.getByRole('status').textContent()) ?? '';
  }

  it('a seller attaches a PDF, the buyer downloads the same bytes, resells, and the first pass is revoked', async () => {
    const snap = screenshotsFor('delivery-journey');
    // The organiser's event, through the API; they will check passes in at the door.
    const organiserEmail = uniqueEmail('organiser');
    const organiser = client(suite.stack.url);
    expect((await organiser('POST', '/api/users/signup', { email: organiserEmail, password: PASSWORD })).status).toBe(201);
    const event = await organiser('POST', '/api/events', { name: uniqueTitle('Delivery Night'), venue: 'Paradiso', city: 'Amsterdam', country: 'NL', startsAt: inNinetyDays() });
    expect(event.status).toBe(201);

    // The seller lists a ticket for it with the PDF attached.
    const seller = await suite.visitor();
    await signUp(seller, uniqueEmail('seller'), snap);
    const title = uniqueTitle('Delivery Night balcony');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(50_000), Buffer.from('\n%%EOF\n')]);
    await seller.goto(`/tickets/new?eventId=${event.body.id}`);
    await seller.getByLabel('Title', { exact: true }).fill(title);
    await seller.getByLabel('Face value', { exact: true }).fill('50');
    await seller.getByLabel('Price', { exact: true }).fill('50');
    await seller.getByLabel('Ticket file', { exact: true }).setInputFiles({ name: 'ticket.pdf', mimeType: 'application/pdf', buffer: pdf });
    await snap(seller, 'sell-with-file');
    await seller.getByRole('button', { name: 'Create Ticket' }).click();
    await seller.waitForURL((url) => /^\/tickets\/[^/]+$/.test(url.pathname) && url.pathname !== '/tickets/new');
    const ticketId = seller.url().split('/').pop()!;
    await seller.getByRole('heading', { level: 1, name: title }).waitFor();
    await snap(seller, 'listed-with-file');

    // The first buyer pays and downloads exactly what the seller attached; the pass is valid.
    const buyer1 = await suite.visitor();
    await signUp(buyer1, uniqueEmail('buyer'), snap);
    const order1 = await buyAndPay(buyer1, ticketId, title, snap);
    expect(sha256(await downloadTicket(buyer1, order1))).toBe(sha256(pdf));
    await buyer1.getByRole('img', { name: 'Your pass as a QR code' }).waitFor();
    await snap(buyer1, 'order-with-pass');
    const pass1 = await passOf(buyer1, order1);
    expect(pass1.status).toBe('valid');

    const door = await suite.visitor();
    await door.goto('/auth/signin');
    await signIn(door, organiserEmail, snap);
    expect(await check(door, pass1.token, false)).toMatch(/^Valid(?! — admitted)/);
    await snap(door, 'checkin-valid');

    // The buyer resells it from the order page (within the cap: 120 % of 50 in NL).
    await buyer1.goto(`/orders/${order1}`);
    await buyer1.getByLabel('Resale price', { exact: true }).fill('55');
    await buyer1.getByRole('button', { name: 'Resell' }).click();
    await buyer1.waitForURL((url) => url.pathname === `/tickets/${ticketId}`);
    await snap(buyer1, 'relisted');

    // A second buyer pays and gets the same file; the first pass is revoked, the new one verifies.
    const buyer2 = await suite.visitor();
    await signUp(buyer2, uniqueEmail('buyer'), snap);
    const order2 = await buyAndPay(buyer2, ticketId, title, snap);
    expect(sha256(await downloadTicket(buyer2, order2))).toBe(sha256(pdf));
    const pass2 = await passOf(buyer2, order2);
    expect(pass2.status).toBe('valid');

    await buyer1.goto(`/orders/${order1}`);
    await reloadUntilVisible(buyer1, () => buyer1.getByText('You resold this ticket, so its file went to the new buyer.', { exact: true }), 20_000);
    expect(await buyer1.getByRole('link', { name: 'Download your ticket' }).count()).toBe(0);
    await snap(buyer1, 'resold-order');

    expect(await check(door, pass1.token, true)).toMatch(/^Revoked — do not admit.*resold/);
    await snap(door, 'checkin-old-pass-revoked');
    expect(await check(door, pass2.token, true)).toMatch(/^Valid — admitted/);
    await snap(door, 'checkin-new-pass-admitted');
    // The first scan wins: the same pass again is refused.
    expect(await check(door, pass2.token, true)).toMatch(/^Revoked — do not admit.*already checked in/);
  });
});
