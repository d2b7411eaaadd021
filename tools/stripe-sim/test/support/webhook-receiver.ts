// A small HTTP endpoint that records what the simulator POSTs to it, answering with the status
// `answer(n)` gives for the n-th delivery (1-based), or holding the answer until released.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  body: string;
  signature: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers held requests (see `hold`). */
  release(): void;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  answer?: (delivery: number) => number;
  /** Keep every request open until `release()`. */
  hold?: boolean;
}

export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const held: Array<() => void> = [];
  let released = !options.hold;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['stripe-signature']) });
      const status = options.answer?.(received.length) ?? 200;
      const answer = () => response.writeHead(status).end();
      if (released) answer();
      else held.push(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    release() {
      released = true;
      held.splice(0).forEach((answer) => answer());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
