import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../tools/launcher/src/free-port';

// The gateway process as `npm run start:infra` starts it (no HOST): this machine only, and its
// metrics on the internal listener METRICS_PORT names, never on the public port.
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const externalAddress = Object.values(networkInterfaces()).flat().find((item) => item && !item.internal && item.family === 'IPv4')?.address;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

describe('gateway process', () => {
  let child: ChildProcess;
  let port: number;
  let metricsPort: number;
  beforeAll(async () => {
    [port, metricsPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), METRICS_PORT: String(metricsPort), LOG_LEVEL: 'warn' };
    delete env.HOST;
    child = spawn(process.execPath, [tsx, main], { env, stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((res) => res.ok, () => false))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('the gateway did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 90_000);
  afterAll(() => { child?.kill('SIGTERM'); });

  it.skipIf(!externalAddress)('listens on 127.0.0.1 by default, not on the machine\'s other addresses', async () => {
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable(externalAddress!, port)).toBe(false);
  });

  it('serves /metrics on the internal listener only', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_requests_total');
    if (externalAddress) expect(await reachable(externalAddress, metricsPort)).toBe(false);
  });
});
