// Process entry: `tsx tools/stripe-sim/src/main.ts`. Reads its configuration from the
// environment, logs one line when listening, and stops cleanly on SIGINT/SIGTERM.
import { createStripeSimulator } from './simulator';

const DEFAULT_PORT = 12111;

function config() {
  const port = Number(process.env.STRIPE_SIM_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`STRIPE_SIM_PORT must be a port number, got ${process.env.STRIPE_SIM_PORT}`);
  }
  return {
    port,
    host: process.env.STRIPE_SIM_HOST || '127.0.0.1',
    webhookUrl: process.env.STRIPE_SIM_WEBHOOK_URL || undefined,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    connectWebhookUrl: process.env.STRIPE_SIM_CONNECT_WEBHOOK_URL || undefined,
    connectWebhookSecret: process.env.STRIPE_CONNECT_WEBHOOK_SECRET || undefined,
    publicUrl: process.env.STRIPE_SIM_PUBLIC_URL || undefined,
    stateFile: process.env.STRIPE_SIM_STATE_FILE || undefined,
  };
}

function log(entry: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'stripe-sim', ...entry })}\n`);
}

async function main(): Promise<void> {
  const settings = config();
  const simulator = createStripeSimulator({ ...settings, log });
  await simulator.start();
  const { webhookUrl, webhookSecret, connectWebhookUrl, connectWebhookSecret } = settings;
  // A generated secret is printed so the receiver can be configured; a given one is not repeated.
  const generatedSecret = webhookUrl && !webhookSecret ? simulator.webhookSecret : undefined;
  const generatedConnectSecret = connectWebhookUrl && !connectWebhookSecret ? simulator.connectWebhookSecret : undefined;
  log({
    level: 'info', msg: 'stripe simulator listening', url: simulator.url, webhookUrl: webhookUrl ?? null, generatedWebhookSecret: generatedSecret,
    connectWebhookUrl: connectWebhookUrl ?? null, generatedConnectWebhookSecret: generatedConnectSecret,
  });
  const shutdown = (signal: string) => {
    simulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log({ level: 'error', msg: 'stripe simulator failed to stop', signal, error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  log({ level: 'error', msg: 'stripe simulator failed to start', error: String(error) });
  process.exit(1);
});
