// The machine's RabbitMQ, stopped and started with rabbitmqctl (the node stays up; its app stops,
// so every connection drops and publishes fail, as in an outage).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', args, { timeout: 120_000 });
  return stdout;
}

export async function stopBroker(): Promise<void> {
  await rabbitmqctl('stop_app');
}

/** Starts the app and waits until it accepts connections again. Safe to call when it is running. */
export async function startBroker(): Promise<void> {
  await rabbitmqctl('start_app');
  await rabbitmqctl('await_startup');
}
