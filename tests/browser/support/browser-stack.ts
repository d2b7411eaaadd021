// The life of a browser suite, as every journey file has it: one stack (`npm start`) and one
// Chromium started before the suite; after each test a screenshot of every page still open if it
// failed, and its visitors closed; everything stopped after the suite.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type StackProcess } from '../../support/stack-process';
import { desktopVisitor, launchChromium, phoneVisitor } from './chromium';
import { screenshotOpenPages } from './screenshots';

type StackOptions = NonNullable<Parameters<typeof startStack>[0]>;

export interface BrowserStack {
  /** The running stack (from beforeAll on). */
  readonly stack: StackProcess;
  /** A fresh visitor (its own cookies) at desktop or phone size, on the stack's address. */
  visitor(kind?: 'desktop' | 'phone'): Promise<Page>;
}

/** Registers the suite's hooks; `options` is read in beforeAll (it may pick a free port). */
export function useBrowserStack(options: () => StackOptions | Promise<StackOptions>): BrowserStack {
  let stack: StackProcess | undefined;
  let browser: Browser | undefined;
  const visitors: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startStack(await options());
  }, 300_000);

  afterEach(async ({ task }) => {
    // A failed test leaves a picture of where it stopped, next to the step screenshots.
    if (task.result?.state === 'fail') await screenshotOpenPages(visitors, task.name);
    for (const visitor of visitors.splice(0)) await visitor.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    stack?.cleanup();
  });

  return {
    get stack() {
      if (!stack) throw new Error('the stack is not started yet (use it inside a test)');
      return stack;
    },
    async visitor(kind = 'desktop') {
      const context = kind === 'phone' ? await phoneVisitor(browser!, stack!.url) : await desktopVisitor(browser!, stack!.url);
      visitors.push(context);
      return context.newPage();
    },
  };
}
