// Starts bench/support/baseline-server.ts as its own process (as the service it stands for runs).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tools/launcher/src/free-port';
import { waitForHttp } from '../../tools/launcher/src/web-client';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Baseline { url: string; stop(): Promise<void> }

export async function startBaseline(kind: 'browse' | 'reserve', databaseUrl: string): Promise<Baseline> {
  const port = await freePort();
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, `${root}bench/support/baseline-server.ts`], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, BASELINE: kind },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
  // Any route answers (404 included) once it listens.
  await waitForHttp(`${url}/healthz`, child, 60_000).catch(async (error) => { await stop(); throw error; });
  return { url, stop };
}
