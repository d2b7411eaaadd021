import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

async function firstLine(child: ChildProcess): Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return JSON.parse(line) as Record<string, unknown>;
}

describe('standalone process (src/main.ts)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('logs one line when listening, serves the SDK, and exits 0 on SIGTERM', async () => {
    const connectWebhookUrl = 'http://127.0.0.1:9/api/payouts/webhooks/stripe';
    const env = { ...process.env, STRIPE_SIM_PORT: '0', STRIPE_SIM_CONNECT_WEBHOOK_URL: connectWebhookUrl, STRIPE_CONNECT_WEBHOOK_SECRET: '' };
    child = spawn(TSX, [MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await firstLine(child);
    expect(started).toMatchObject({ level: 'info', msg: 'stripe simulator listening', connectWebhookUrl });
    expect(started.generatedConnectWebhookSecret).toMatch(/^whsec_/);
    const url = new URL(String(started.url));

    const stripe = new Stripe('sk_test_main', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 2 });
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
    expect(intent.status).toBe('succeeded');

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
