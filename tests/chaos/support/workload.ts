// A bounded purchase workload through the gateway, as a crowd of buyers would drive it: sellers
// list tickets; buyers order them, then pay by card, cancel (after which another buyer snaps the
// ticket up at once), or keep the reservation. Every answer is recorded; a chaos test asserts on
// the statuses and on what the databases look like afterwards.
import type { BenchUser, InfraStack } from '../../../bench/support/infra-stack';

/** One request's answer; `at` is when it was answered (Date.now()). */
export interface Answer { route: string; status: number; body: string; at: number }

export interface WorkloadReport {
  answers: Answer[];
  /** status → count, per route ("POST /api/orders"), for the test's log. */
  summary(): Record<string, Record<number, number>>;
  /** How many answers of `route` had `status` between two instants. */
  count(route: string, status: number, from: number, to: number): number;
  /** Answers that break api.md's rules: no answer, a 5xx other than 503, or an error without the error body. */
  violations(): Answer[];
}

export interface Workload {
  /** Tickets listed so far (ids). */
  tickets: string[];
  /** Stops the buyers; resolves with every answer once the requests in flight are done. */
  stop(): Promise<WorkloadReport>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

class Client {
  readonly answers: Answer[] = [];
  constructor(private readonly base: string) {}

  /** One request; a network error or timeout is recorded as status 0. */
  async send(method: string, path: string, user: BenchUser, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`;
    let status = 0;
    let text: string;
    try {
      const response = await fetch(this.base + path, {
        method, signal: AbortSignal.timeout(15_000),
        headers: { cookie: user.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = (error as Error).message;
    }
    this.answers.push({ route, status, body: text.slice(0, 500), at: Date.now() });
    let json: Record<string, unknown> = {};
    try { json = text ? JSON.parse(text) : {}; } catch { /* kept as text in the answer */ }
    return { status, json };
  }
}

export function report(answers: Answer[]): WorkloadReport {
  return {
    answers,
    summary() {
      const byRoute: Record<string, Record<number, number>> = {};
      for (const { route, status } of answers) {
        byRoute[route] ??= {};
        byRoute[route][status] = (byRoute[route][status] ?? 0) + 1;
      }
      return byRoute;
    },
    count: (route, status, from, to) => answers.filter((answer) => answer.route === route && answer.status === status && answer.at >= from && answer.at <= to).length,
    violations: () => answers.filter(({ status, body }) => status === 0 || (status >= 500 && status !== 503) || (status >= 400 && !isErrorBody(body))),
  };
}

/** api.md's error body, with nothing of our internals (stack frames, SQL) in it. */
function isErrorBody(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown }> };
    const ok = Array.isArray(parsed.errors) && parsed.errors.every((error) => typeof error.message === 'string');
    return ok && !/\n\s+at |SELECT |INSERT |UPDATE |ECONNREFUSED/.test(body);
  } catch {
    return false;
  }
}

/** Lists `perSeller` tickets for each of `sellers` new sellers; returns their ids. */
export async function listTickets(stack: InfraStack, client: Client, sellers: number, perSeller: number): Promise<string[]> {
  const ids: string[] = [];
  await Promise.all(Array.from({ length: sellers }, async (_, index) => {
    const seller = await stack.newUser();
    for (let n = 0; n < perSeller; n++) {
      const { status, json } = await client.send('POST', '/api/tickets', seller, { title: `Chaos show ${index}.${n}`, price: 10 + n });
      if (status === 201) ids.push(String(json.id));
    }
  }));
  return ids;
}

export interface WorkloadOptions {
  /** Concurrent buyers (each one request at a time). */
  buyers: number;
  /** Tickets the pool starts with (listed before the workload, all known to orders first). */
  initialTickets: string[];
  /** Pause between one buyer's purchases (paces the workload so the pool lasts). */
  pauseMs: number;
}

/**
 * Starts the buyers; they run until stop() (each loop is bounded by that flag and by request
 * timeouts). Buyers go for tickets not known to be taken, so the pool lasts the whole workload.
 */
export function startWorkload(stack: InfraStack, options: WorkloadOptions): Workload {
  const client = new Client(stack.gatewayUrl);
  const tickets = [...options.initialTickets];
  const available = new Set(options.initialTickets);
  let running = true;

  const buyOnce = async () => {
    if (Math.random() < 0.03) {
      for (const id of await listTickets(stack, client, 1, 1)) { tickets.push(id); available.add(id); }
      return;
    }
    if (available.size === 0) return;
    const ticketId = pick([...available]);
    const buyer = await stack.newUser();
    const order = await client.send('POST', '/api/orders', buyer, { ticketId });
    if (order.status === 201 || order.status === 400) available.delete(ticketId); // ours now, or someone else's
    if (order.status !== 201) return;
    const orderId = String(order.json.id);
    const choice = Math.random();
    if (choice < 0.4) await pay(client, buyer, orderId);
    else if (choice < 0.8) {
      const cancel = await client.send('DELETE', `/api/orders/${orderId}`, buyer);
      // The next buyer right away: order:cancelled and order:created of one ticket close together.
      const next = await client.send('POST', '/api/orders', await stack.newUser(), { ticketId });
      if (cancel.status === 204 && next.status !== 201 && next.status !== 400) available.add(ticketId);
    }
  };

  const loops = Array.from({ length: options.buyers }, async () => {
    while (running) {
      await buyOnce();
      await sleep(options.pauseMs);
    }
  });

  return {
    tickets,
    async stop() {
      running = false;
      await Promise.all(loops);
      return report(client.answers);
    },
  };
}

/** Pays with a test card; the payments replica may not know a new order yet (404), so a few tries. */
async function pay(client: Client, buyer: BenchUser, orderId: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const { status } = await client.send('POST', '/api/payments', buyer, { orderId, token: 'tok_visa' });
    if (status !== 404 && status !== 503) return;
    await sleep(250);
  }
}

export function newClient(stack: InfraStack): Client {
  return new Client(stack.gatewayUrl);
}
