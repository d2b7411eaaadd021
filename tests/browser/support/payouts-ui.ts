// What a seller does about payouts in the web client, and on the payment provider's hosted
// onboarding page (the simulator's stand-in for Stripe's), found by role and label.
import type { Locator, Page } from 'playwright-core';
import type { Snap } from './screenshots';

/** The path of the simulator's hosted onboarding page: docs/payouts.md (Account Links). */
export const ONBOARDING_PATH = /^\/connect\/onboarding\//;

/** An event of the seller's that starts `inMs` from now, created through the API with the page's session. */
export async function createEventStartingIn(page: Page, name: string, inMs: number): Promise<{ id: string; startsAt: string }> {
  const startsAt = new Date(Date.now() + inMs).toISOString();
  const response = await page.request.post('/api/events', {
    data: { name, venue: 'Melkweg', city: 'Amsterdam', country: 'NL', startsAt },
  });
  if (response.status() !== 201) throw new Error(`POST /api/events: ${response.status()} ${await response.text()}`);
  return { id: ((await response.json()) as { id: string }).id, startsAt };
}

/** Lists a ticket for the event through the sell form; returns the ticket's id. */
export async function listTicketForEvent(page: Page, eventId: string, eventName: string, title: string, faceValue: string, price: string): Promise<string> {
  await page.goto(`/tickets/new?eventId=${encodeURIComponent(eventId)}`);
  await page.getByRole('main').getByText(eventName, { exact: true }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Face value', { exact: true }).fill(faceValue);
  await page.getByLabel('Price', { exact: true }).fill(price);
  await page.getByRole('button', { name: 'Create Ticket' }).click();
  await page.waitForURL((url) => /^\/tickets\/[^/]+$/.test(url.pathname) && url.pathname !== '/tickets/new');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** One sale on the Payouts page, by its ticket's title. */
export function saleRow(page: Page, title: string): Locator {
  return page.getByRole('list', { name: 'Sales' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

/** The amount of one of the Payouts page's totals ("Held", "Ready to pay out", "Paid out", "You owe"). */
export function total(page: Page, label: string): Locator {
  return page.getByRole('region', { name: 'Totals', exact: true }).locator('dl > div').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition');
}

/** Fills in the simulator's hosted onboarding form as a seller would, and agrees. */
export async function completeHostedOnboarding(page: Page, snap: Snap): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Set up payouts' }).waitFor();
  await page.getByLabel('Full name', { exact: true }).fill('Sam Seller');
  await snap(page, 'hosted-onboarding-filled');
  await page.getByRole('button', { name: 'Agree and submit' }).click();
}
