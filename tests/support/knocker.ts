// A client that will not wait for a stack to be ready (R11): from the moment a launcher is spawned
// it sends requests in a loop over keep-alive connections and holds connections open that say
// nothing (a browser's preconnect, a tab left open), and records every answer and how long it took.
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Knock {
  path: string;
  at: number;
  ms: number;
  status?: number;
  retryAfter?: string;
  body?: string;
  error?: string;
}

export interface Knocker {
  knocks: Knock[];
  /** Stops knocking; resolves when the loops are done. */
  stop(): Promise<void>;
}

const answerWithinMs = 5_000;

export function startKnocking(port: number, options: { paths: string[]; loops?: number; silentConnections?: number }): Knocker {
  const knocks: Knock[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: options.loops ?? 4 });
  let stopped = false;
  const loops = Array.from({ length: options.loops ?? 4 }, async (_, index) => {
    for (let round = index; !stopped; round++) {
      const knock = await knockOnce(agent, port, options.paths[round % options.paths.length]);
      knocks.push(knock);
      // As curl in a loop would: again after a moment (a little longer while nothing listens).
      await new Promise((resolve) => setTimeout(resolve, knock.error === 'ECONNREFUSED' ? 50 : 10));
    }
  });
  const silent = holdSilentConnections(port, options.silentConnections ?? 4, () => stopped);
  return {
    knocks,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      silent.forEach((socket) => socket.destroy());
      agent.destroy();
    },
  };
}

function knockOnce(agent: Agent, port: number, path: string): Promise<Knock> {
  const at = Date.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({
        path, at, ms: Date.now() - at, status: res.statusCode, retryAfter: res.headers['retry-after'], body,
      }));
    });
    req.setTimeout(answerWithinMs, () => req.destroy(Object.assign(new Error('no answer'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ path, at, ms: Date.now() - at, error: error.code ?? error.message }));
    req.end();
  });
}

/** Connections that never send a request; each is opened again when the server closes it. */
function holdSilentConnections(port: number, count: number, stopped: () => boolean): Socket[] {
  const sockets: Socket[] = [];
  const open = (slot: number) => {
    const socket = connect(port, '127.0.0.1');
    sockets[slot] = socket;
    socket.on('error', () => undefined);
    socket.on('close', () => { if (!stopped()) setTimeout(() => open(slot), 100); });
  };
  for (let slot = 0; slot < count; slot++) open(slot);
  return sockets;
}

/**
 * What went wrong: a request with no answer within 5 s; once the port has answered, a connection
 * refused or reset; a 5xx other than 503; a 503 without Retry-After and the error body. Before the
 * first answer a refused connection is fine (nothing holds the port yet).
 */
export function knockProblems(knocks: Knock[]): string[] {
  const firstAnswer = Math.min(...knocks.filter((knock) => knock.status !== undefined).map((knock) => knock.at));
  return knocks.flatMap((knock) => {
    if (knock.error === 'ECONNREFUSED' && knock.at < firstAnswer) return [];
    const what = `${knock.path} at ${knock.at - firstAnswer} ms from the first answer`;
    if (knock.error) return [`${what}: ${knock.error} after ${knock.ms} ms`];
    if (knock.ms > answerWithinMs) return [`${what}: answered after ${knock.ms} ms`];
    if (knock.status === 503) return isStartingAnswer(knock) ? [] : [`${what}: 503 without Retry-After or the error body: ${knock.retryAfter} ${knock.body}`];
    if (knock.status! >= 500) return [`${what}: ${knock.status} ${knock.body}`];
    return [];
  });
}

function isStartingAnswer(knock: Knock): boolean {
  if (!(Number(knock.retryAfter) > 0)) return false;
  try {
    const body = JSON.parse(knock.body ?? '');
    return Array.isArray(body.errors) && body.errors.length > 0 && typeof body.errors[0].message === 'string';
  } catch {
    return false;
  }
}
