// Starts `npm start` (or another launcher script) the way a newcomer would: a child process with a
// fresh data directory and a free port; stops it with SIGINT like Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tools/launcher/src/free-port';

export interface StackProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  dataDir: string;
  /** Ctrl-C; resolves once every process of the stack has exited. */
  stop(): Promise<void>;
  /** kill -9 of every process of the stack (a crash: nothing is drained); resolves once they are gone. */
  kill(): Promise<void>;
  cleanup(): void;
}

export async function startStack(options: { script?: string; env?: Record<string, string>; dataDir?: string; timeoutMs?: number; port?: number } = {}): Promise<StackProcess> {
  const port = options.port ?? await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ticketing-'));
  const child = spawn('npm', ['run', options.script ?? 'start'], {
    cwd: join(import.meta.dirname, '..', '..'), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), TICKETING_DATA_DIR: dataDir, ...options.env },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (!output.includes('Ticketing is running')) {
    if (child.exitCode !== null) throw new Error(`npm ${options.script ?? 'start'} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`npm start did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url, child, dataDir, output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
      child.once('exit', () => { clearTimeout(killer); resolve(); });
      // Like Ctrl-C in a terminal: the whole process group gets SIGINT.
      process.kill(-child.pid!, 'SIGINT');
    }),
    kill: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGKILL');
    }),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A tiny cookie-keeping HTTP client for one user. */
export function client(base: string) {
  let cookie = '';
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}
