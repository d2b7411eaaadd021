// The machine's Debian Chromium driven by playwright-core: no browser is ever downloaded.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A fresh visitor (own cookies) at desktop width. */
export async function desktopVisitor(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return configure(await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } }));
}

/** A fresh visitor on a phone-sized touch screen (375 px wide, like an iPhone SE/mini). */
export async function phoneVisitor(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return configure(await browser.newContext({
    baseURL, viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  }));
}

function configure(context: BrowserContext): BrowserContext {
  // Bounded waits: a missing element fails the step in seconds, not at the test timeout.
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}
