// What a visitor does with events (issue 15) in the web client, found by accessible role and label.
import type { Locator, Page } from 'playwright-core';
import type { Snap } from './screenshots';

export interface EventInput {
  name: string;
  venue: string;
  city: string;
  country: string;
}

/** Next year's 12 June, 20:00, as a datetime-local input takes it (the browser's own zone). */
export function nextYearLocal(): string {
  return `${new Date().getFullYear() + 1}-06-12T20:00`;
}

/** The same moment for the API: an instant with a zone, comfortably in the future. */
export function inNinetyDays(): string {
  return new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
}

export function eventLink(page: Page, name: string): Locator {
  return page.getByRole('main').getByRole('link', { name, exact: true });
}

/** The card of one event in the landing page's list. */
export function eventCard(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Events' }).getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** Fills and sends the event form (at /events/new or an edit page). */
export async function submitEventForm(page: Page, event: EventInput, startsAtLocal: string, snap: Snap): Promise<void> {
  await page.getByLabel('Event name', { exact: true }).fill(event.name);
  await page.getByLabel('Venue', { exact: true }).fill(event.venue);
  await page.getByLabel('City', { exact: true }).fill(event.city);
  await page.getByLabel('Country', { exact: true }).fill(event.country);
  await page.getByLabel('Date and time', { exact: true }).fill(startsAtLocal);
  await snap(page, 'event-form');
  await page.getByRole('button', { name: 'Create event' }).click();
}

/** The landing page's search: a GET form, so the search ends up in the address. */
export async function searchEvents(page: Page, q: string, city: string): Promise<void> {
  await page.getByRole('search').getByLabel('Search events', { exact: true }).fill(q);
  await page.getByRole('search').getByLabel('City', { exact: true }).fill(city);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === q);
}

/** Nothing sticks out sideways: the page never scrolls horizontally. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}
