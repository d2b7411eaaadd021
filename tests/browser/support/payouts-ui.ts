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

/**
 * Fills in the hosted onboarding form as a seller would and submits it: every text field gets a
 * value its label asks for, every box is ticked. Generic on purpose: the page stands in for
 * Stripe's, whose questions we don't own.
 */
export async function completeHostedOnboarding(page: Page, snap: Snap): Promise<void> {
  const form = page.locator('form').first();
  await form.waitFor();
  const fields = form.locator('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea');
  const count = await fields.count();
  for (let index = 0; index < count; index += 1) {
    const field = fields.nth(index);
    if (!(await field.isVisible()) || !(await field.isEditable())) continue;
    const tag = await field.evaluate((element) => element.tagName.toLowerCase());
    const type = ((await field.getAttribute('type')) ?? 'text').toLowerCase();
    if (tag === 'select') {
      const values = await field.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      if (values.length > 0) await field.selectOption(values[0]);
    } else if (type === 'checkbox') {
      await field.check();
    } else if (type === 'radio') {
      const name = await field.getAttribute('name');
      if (name && !(await form.locator(`input[type=radio][name="${name}"]:checked`).count())) await field.check();
    } else if ((await field.inputValue()) === '') {
      await field.fill(valueFor(type, await describe(field)));
    }
  }
  await snap(page, 'hosted-onboarding-filled');
  await form.locator('button[type=submit], input[type=submit], button:not([type])').first().click();
}

/** The field's label, name, id and placeholder, lower-cased: what decides a sensible answer. */
async function describe(field: Locator): Promise<string> {
  return field.evaluate((element) => {
    const input = element as HTMLInputElement;
    const labels = Array.from(input.labels ?? []).map((label) => label.textContent ?? '');
    return [...labels, input.name, input.id, input.placeholder, input.getAttribute('aria-label') ?? ''].join(' ').toLowerCase();
  });
}

function valueFor(type: string, about: string): string {
  if (type === 'email' || about.includes('email')) return 'seller@example.com';
  if (type === 'url' || /\b(url|website)\b/.test(about)) return 'https://example.com';
  if (type === 'tel' || about.includes('phone')) return '+12025550123';
  if (type === 'date' || /birth|dob/.test(about)) return '1990-01-01';
  if (/routing/.test(about)) return '110000000';
  if (/account number|account_number|iban|bank/.test(about)) return '000123456789';
  if (/ssn|tax|last 4|last4/.test(about)) return '0000';
  if (/postal|zip/.test(about)) return '10001';
  if (/\bmcc\b|category/.test(about)) return '7922';
  if (type === 'number') return '1';
  if (/first/.test(about)) return 'Sam';
  if (/last|family|surname/.test(about)) return 'Seller';
  if (/city/.test(about)) return 'New York';
  if (/line|address|street/.test(about)) return '1 Main Street';
  return 'Sam Seller';
}
