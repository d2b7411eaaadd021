// What a visitor does in the web client, step by step, found by accessible role and label only.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Snap } from './screenshots';

export const PASSWORD = 'correct horse battery';
export const CARDS = { succeeds: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' } as const;

export function uniqueEmail(role: string): string {
  return `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A title no other test (or earlier run) uses, so the landing page search is unambiguous. */
export function uniqueTitle(what: string): string {
  return `${what} ${Math.random().toString(36).slice(2, 8)}`;
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

export function navLink(page: Page, name: string): Locator {
  return mainNav(page).getByRole('link', { name, exact: true });
}

/** The header's sign-out: a button (a POST), not a link. */
export function signOutButton(page: Page): Locator {
  return mainNav(page).getByRole('button', { name: 'Sign Out', exact: true });
}

export function ticketLink(page: Page, title: string): Locator {
  return page.getByRole('main').getByRole('link', { name: title, exact: true });
}

/** Next.js adds its own empty role="alert" route announcer, so alerts are told apart by text. */
export function alertWith(page: Page, text: string): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

/** The error a field points at through aria-describedby: "next to the field" for every user. */
export async function fieldError(page: Page, label: string): Promise<{ text: string | null; invalid: string | null }> {
  const input = page.getByLabel(label, { exact: true });
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  const text = errorId ? await page.locator(`[id="${errorId}"][role="alert"]`).textContent() : null;
  return { text, invalid: await input.getAttribute('aria-invalid') };
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function fillCredentials(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
}

/** Signing in or up ends with a full load of the landing page, the header now signed in. */
async function landSignedIn(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/');
  await signOutButton(page).waitFor();
}

export async function signUp(page: Page, email: string, snap: Snap): Promise<void> {
  await page.goto('/auth/signup');
  await fillCredentials(page, email);
  await snap(page, 'sign-up-form');
  await page.getByRole('button', { name: 'Sign Up' }).click();
  await landSignedIn(page);
  await snap(page, 'signed-up-landing');
}

export async function signIn(page: Page, email: string, snap: Snap): Promise<void> {
  await fillCredentials(page, email);
  await snap(page, 'sign-in-form');
  await page.getByRole('button', { name: 'Sign In' }).click();
  await landSignedIn(page);
  await snap(page, 'signed-in-landing');
}

export async function signOut(page: Page, snap: Snap): Promise<void> {
  await signOutButton(page).click();
  await navLink(page, 'Sign In').waitFor();
  expect(pathOf(page)).toBe('/');
  await snap(page, 'signed-out-landing');
}

export async function fillTicketForm(page: Page, title: string, price: string): Promise<void> {
  await navLink(page, 'Sell Tickets').click();
  await page.waitForURL((url) => url.pathname === '/tickets/new');
  // Selling starts by picking an event (issue 15); the seed's listing is one without.
  await page.getByLabel('Not for a specific event', { exact: true }).check();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Price', { exact: true }).fill(price);
}

/** Sells a ticket through the form; the form returns to the landing page, which lists it. */
export async function sellTicket(page: Page, title: string, price: string, snap: Snap): Promise<void> {
  await fillTicketForm(page, title, price);
  await snap(page, 'sell-ticket-form');
  await page.getByRole('button', { name: 'Create Ticket' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await ticketLink(page, title).waitFor();
  await snap(page, 'landing-with-new-ticket');
}

export async function openTicketFromLanding(page: Page, title: string, snap: Snap): Promise<void> {
  await page.goto('/');
  await ticketLink(page, title).click();
  await page.waitForURL((url) => url.pathname.startsWith('/tickets/'));
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await snap(page, 'ticket-details');
}

/** Purchase reserves the ticket and opens the order's payment page; returns the order id. */
export async function purchase(page: Page, snap: Snap): Promise<string> {
  await page.getByRole('button', { name: 'Purchase' }).click();
  await page.waitForURL((url) => /^\/orders\/[^/]+$/.test(url.pathname));
  await page.getByRole('timer').waitFor();
  await snap(page, 'order-payment');
  return pathOf(page).split('/').pop()!;
}

/** Buys the ticket on its page and pays with the test card; returns the order id, complete. */
export async function buyAndPay(page: Page, ticketId: string, title: string, snap: Snap): Promise<string> {
  await page.goto(`/tickets/${ticketId}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const orderId = await purchase(page, snap);
  await fillCard(page, CARDS.succeeds);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL((url) => url.pathname === '/orders');
  await reloadUntilVisible(page, () => orderRow(page, title).getByText('complete', { exact: true }), 15_000);
  return orderId;
}

export async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').textContent()) ?? '';
  const match = /^Time left to pay: (\d+) seconds$/.exec(text.trim());
  if (!match) throw new Error(`unexpected countdown text: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** Any future month works with the simulator's test cards. */
function futureExpiry(): string {
  return `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
}

export async function fillCard(page: Page, cardNumber: string): Promise<void> {
  await page.getByLabel('Card number', { exact: true }).fill(cardNumber);
  await page.getByLabel('Expiry', { exact: true }).fill(futureExpiry());
  await page.getByLabel('CVC', { exact: true }).fill('123');
}

export function orderRow(page: Page, title: string): Locator {
  // `has` is searched inside each list item, so the link locator must not start from <main>.
  return page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

/**
 * Reloads until `target` shows: what a visitor does when the page was rendered before an event
 * (payment, expiry) had reached the service behind it. Returns how many reloads it took.
 */
export async function reloadUntilVisible(page: Page, target: () => Locator, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let reloads = 0; ; reloads += 1) {
    if (await target().isVisible()) return reloads;
    if (Date.now() > deadline) throw new Error(`not visible after ${reloads} reloads in ${timeoutMs} ms: ${target()}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

/** Reloads until `target` is gone (e.g. a sold ticket leaving the landing page). */
export async function reloadUntilHidden(page: Page, target: () => Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await target().isVisible()) {
    if (Date.now() > deadline) throw new Error(`still visible after ${timeoutMs} ms: ${target()}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

/** The element lies within the viewport's width: nothing to scroll sideways for on a phone. */
export async function fitsWidth(locator: Locator, width: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}
