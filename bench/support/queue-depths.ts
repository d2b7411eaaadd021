// The queues of a stack's RabbitMQ vhost and the messages in each (ready + unacknowledged), read
// with rabbitmqctl: AMQP cannot list queues.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface QueueDepth { name: string; messages: number }

export async function queueDepths(busUrl: string): Promise<QueueDepth[]> {
  const vhost = decodeURIComponent(new URL(busUrl).pathname.slice(1)) || '/';
  const { stdout } = await run('rabbitmqctl', ['list_queues', '-p', vhost, '--quiet', '--no-table-headers', 'name', 'messages'], { timeout: 60_000 });
  return stdout.split('\n').map((line) => line.trim().split(/\s+/)).filter((cells) => cells.length === 2)
    .map(([name, messages]) => ({ name, messages: Number(messages) }));
}
