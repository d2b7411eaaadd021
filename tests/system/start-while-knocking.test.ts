import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../tools/launcher/src/free-port';
import { startKnocking, knockProblems, type Knocker } from '../support/knocker';
import { startStack, type StackProcess } from '../support/stack-process';

// R11: a client that knocks while the marketplace starts (curl in a loop, keep-alive connections, a
// tab left open that never sends anything) gets an answer to every request within 5 s — 503 with
// Retry-After and the error body while starting — and the marketplace comes up in its usual time
// and stops on Ctrl-C as if nobody had knocked.
// The embedded launcher holds its port from its first moment, so the client always meets it
// starting; the infra gateway binds once built, and whether a service is still starting then
// (503) depends on which process is quicker.
for (const { mode, script, readyWithinMs, meetsItStarting } of [
  { mode: 'npm start (embedded mode)', script: 'start', readyWithinMs: 150_000, meetsItStarting: true },
  { mode: 'npm run start:infra', script: 'start:infra', readyWithinMs: 150_000, meetsItStarting: false },
]) {
  describe(`${mode} while a client knocks`, () => {
    let stack: StackProcess | undefined;
    let knocker: Knocker | undefined;
    afterEach(async () => {
      await knocker?.stop();
      await stack?.stop();
      stack?.cleanup();
    });

    it('answers every request within 5 s from the moment the port is bound, comes up and stops', async () => {
      const port = await freePort();
      knocker = startKnocking(port, { paths: ['/api/tickets', '/', '/healthz', '/api/users/currentuser'] });
      const spawned = Date.now();
      stack = await startStack({ script, port, timeoutMs: readyWithinMs, env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
      const readyAfterMs = Date.now() - spawned;
      // Knock on the running marketplace for a moment too: the same connections now reach it.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await knocker.stop();

      const { knocks } = knocker;
      expect(knockProblems(knocks)).toEqual([]);
      const ready = spawned + readyAfterMs;
      const starting = knocks.filter((knock) => knock.status === 503 && knock.at < ready);
      const served = knocks.filter((knock) => knock.at > ready);
      if (meetsItStarting) expect(starting.length, 'answered 503 while starting').toBeGreaterThan(0);
      expect(served.filter((knock) => knock.path === '/api/tickets').every((knock) => knock.status === 200), 'the API once up').toBe(true);
      expect(served.filter((knock) => knock.path === '/').every((knock) => knock.status === 200), 'the web client once up').toBe(true);

      const stopping = Date.now();
      await stack.stop();
      expect(Date.now() - stopping, 'Ctrl-C stops it promptly').toBeLessThan(15_000);
      stack = undefined;
    }, 300_000);
  });
}
