import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type StackProcess } from '../support/stack-process';
import { desktopVisitor, launchChromium } from './support/chromium';
import { screenshotsFor } from './support/screenshots';
import { navLink, signOutButton, signUp, uniqueEmail } from './support/marketplace-ui';

// What a hostile page or an injected script can do to a signed-in visitor, in a real Chromium
// against `npm start`: a script without the page's nonce does not run, and a link to
// /auth/signout (say, from another site) does not end the session — only the POST a button sends.
describe('the web client under attack', () => {
  let stack: StackProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const snap = screenshotsFor('csp-signout');

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startStack({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    context = await desktopVisitor(browser, stack.url);
    page = await context.newPage();
    await signUp(page, uniqueEmail('csp'), snap);
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    stack?.cleanup();
  });

  const signedIn = async () => ((await (await page.request.get('/api/users/currentuser')).json()) as { currentUser: unknown }).currentUser !== null;

  it('every page has a per-request nonce policy without unsafe-inline; only nonced scripts run', async () => {
    const policies = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await page.goto('/');
      const policy = response!.headers()['content-security-policy'];
      const scriptSrc = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '))!;
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain('unsafe-inline');
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
      const html = await response!.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      policies.add(nonce);
    }
    expect(policies.size).toBe(2);
    // A reflected or stored XSS: the server's page (and its policy) with markup an attacker got in.
    const xss = await context!.newPage();
    const violations: string[] = [];
    xss.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
    await xss.route((url) => url.pathname === '/', async (route) => {
      const original = await route.fetch();
      const injected = '<script>window.__injected = true</script><img src="data:," onerror="window.__handler = true">';
      await route.fulfill({ response: original, body: (await original.text()).replace('</body>', `${injected}</body>`) });
    });
    await xss.goto('/');
    await navLink(xss, 'My Orders').waitFor();
    await xss.waitForTimeout(500);
    const ran = await xss.evaluate(() => {
      const w = window as unknown as { __injected?: boolean; __handler?: boolean };
      return { injected: w.__injected ?? false, handler: w.__handler ?? false };
    });
    expect(violations.length).toBeGreaterThan(0);
    // The page's own scripts did run: it navigates client-side.
    await navLink(xss, 'My Orders').click();
    await xss.waitForURL((url) => url.pathname === '/orders');
    await xss.close();
    expect(ran).toEqual({ injected: false, handler: false });
  });

  it('opening /auth/signout (a cross-site link) does not sign out; its button (a POST) does', async () => {
    expect(await signedIn()).toBe(true);
    await page.goto('/auth/signout', { referer: 'https://evil.example/' });
    await page.getByText('Sign out of Ticketing on this device?').waitFor();
    await page.waitForTimeout(1_500);
    expect(await signedIn()).toBe(true);
    await snap(page, 'signout-confirm');
    await page.getByRole('main').getByRole('button', { name: 'Sign Out' }).click();
    await navLink(page, 'Sign In').waitFor();
    expect(await signedIn()).toBe(false);
  });

  it('the header signs out with a button', async () => {
    await signUp(page, uniqueEmail('csp2'), snap);
    await signOutButton(page).click();
    await navLink(page, 'Sign In').waitFor();
    expect(await signedIn()).toBe(false);
  });
});
