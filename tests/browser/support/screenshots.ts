// One full-page PNG per page visited, named <test>-<nn>-<step>.png, for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'screenshots');

export type Snap = (page: Page, step: string) => Promise<void>;

export function screenshotsFor(test: string): Snap {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let count = 0;
  return async (page, step) => {
    count += 1;
    const file = `${test}-${String(count).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
  };
}

/** The last state of every page still open, for a test that failed. */
export async function screenshotOpenPages(contexts: BrowserContext[], test: string): Promise<void> {
  const name = test.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  const pages = contexts.flatMap((context) => context.pages());
  for (const [index, page] of pages.entries()) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${name}-${index + 1}.png`), fullPage: true }).catch(() => undefined);
  }
}
