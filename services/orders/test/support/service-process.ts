// Runs a service's main.ts as a child process (`npx tsx …`) in its own process group, so stopping
// it also stops the node process tsx starts underneath.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { waitFor } from '@ticketing/common/testing/index';

export interface ServiceProcess {
  name: string;
  baseUrl: string;
  /** Everything the process wrote (shown when a test fails). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startServiceProcess(options: { name: string; entry: string; cwd: string; env: Record<string, string> }): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn('npx', ['tsx', options.entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const handle: ServiceProcess = { name: options.name, baseUrl, output: () => output, stop: () => stopGroup(child, exited) };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${output}`);
      return (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.ok;
    }, { timeoutMs: 60_000, intervalMs: 200, what: `${options.name} ready` });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  signalGroup(child.pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
