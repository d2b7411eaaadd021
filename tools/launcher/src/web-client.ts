// The Next.js client: built once (production build) if missing, then served by `next start`
// as a child process on a loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@ticketing/common';

export const webDir = fileURLToPath(new URL('../../../apps/web', import.meta.url));
const nextBin = fileURLToPath(new URL('../../../node_modules/next/dist/bin/next', import.meta.url));

/** Newest modification time of the web client's sources (not its build or dependencies). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.next' || entry.name === 'node_modules' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web client when there is no build or a source changed after it. Asynchronous: the
 * embedded launcher is answering on its public port meanwhile (a synchronous build froze it).
 */
export async function ensureWebBuild(logger: Logger): Promise<void> {
  const buildId = `${webDir}/.next/BUILD_ID`;
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSource(webDir)) return;
  logger.info('building the web client (after a fresh install or a change, about 20 s)…');
  const code = await exitCodeOf(spawn(process.execPath, [nextBin, 'build'], {
    cwd: webDir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  }));
  if (code !== 0) throw new Error('web client build failed (see the output above)');
}

/** The child's exit code (null when a signal ended it); rejects if it could not be started. */
export function exitCodeOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

export interface WebProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startWeb(options: { port: number; apiUrl: string; logger: Logger }): Promise<WebProcess> {
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    cwd: webDir, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', API_URL: options.apiUrl, PORT: String(options.port), HOSTNAME: '127.0.0.1' },
  });
  child.stderr?.on('data', (chunk: Buffer) => options.logger.warn(chunk.toString().trim()));
  await waitForHttp(`http://127.0.0.1:${options.port}/`, child, 60_000);
  return {
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}

export async function waitForHttp(url: string, child: ChildProcess | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      // 503 is a server holding its port while it starts (see openEdgeServer): not up yet.
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status !== 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
