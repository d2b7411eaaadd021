// Dead letters of the embedded (in-process) bus for another process: the marketplace serves its
// bus's dead letters on a Unix socket in the data directory, and `npm run bus -- dlq …` talks to
// it while the marketplace runs (the journal has one writer: the process that holds its lock).
import { existsSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { DeadLetter, DeadLetters } from './port';

export interface DeadLetterAdmin {
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

async function readJson(request: IncomingMessage): Promise<{ refs?: string[] }> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_BODY) throw new Error('body too large');
  }
  const parsed = body ? JSON.parse(body) as { refs?: unknown } : {};
  const refs = parsed.refs;
  if (refs !== undefined && !(Array.isArray(refs) && refs.every((ref) => typeof ref === 'string'))) throw new Error('refs must be an array of strings');
  return { refs: refs as string[] | undefined };
}

function answer(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

/** Serves GET /dead-letters, POST /dead-letters/replay and POST /dead-letters/drop ({refs?}). */
export async function serveDeadLetters(letters: DeadLetters, socketPath: string): Promise<DeadLetterAdmin> {
  if (existsSync(socketPath)) rmSync(socketPath, { force: true }); // left by a process that was killed
  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'GET' && req.url === '/dead-letters') return answer(res, 200, await letters.list());
        const action = req.method === 'POST' ? /^\/dead-letters\/(replay|drop)$/.exec(req.url ?? '')?.[1] : undefined;
        if (action !== 'replay' && action !== 'drop') return answer(res, 404, { error: 'not found' });
        const { refs } = await readJson(req);
        return answer(res, 200, { count: await letters[action](refs) });
      } catch (error) {
        return answer(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      rmSync(socketPath, { force: true });
    }),
  };
}

function call<T>(socketPath: string, method: string, path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: { 'content-type': 'application/json' }, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        try {
          const parsed = JSON.parse(text) as T & { error?: string };
          if ((res.statusCode ?? 500) >= 400) reject(new Error(parsed.error ?? `dead-letter admin answered ${res.statusCode}`));
          else resolve(parsed);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('dead-letter admin did not answer within 30 s')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The dead letters of a running marketplace, through its socket. */
export function remoteDeadLetters(socketPath: string): DeadLetters {
  return {
    list: () => call<DeadLetter[]>(socketPath, 'GET', '/dead-letters'),
    replay: async (refs) => (await call<{ count: number }>(socketPath, 'POST', '/dead-letters/replay', { refs })).count,
    drop: async (refs) => (await call<{ count: number }>(socketPath, 'POST', '/dead-letters/drop', { refs })).count,
  };
}

/** True when a marketplace answers on the socket (a socket file left by a killed one does not). */
export async function isServing(socketPath: string): Promise<boolean> {
  if (!existsSync(socketPath)) return false;
  return call(socketPath, 'GET', '/dead-letters').then(() => true, () => false);
}
