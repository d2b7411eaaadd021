// P6 start (quality.md): `npm start` (embedded mode, web client on, warm install) from spawn to the
// "Ticketing is running" line, and the whole process tree's resident memory once it runs (summed
// from /proc). Twice: a new data directory (first run: ≤ 60 s), then a restart on the same one
// (warm: ≤ 10 s); ≤ 1 GiB RSS both times.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tools/launcher/src/free-port';
import { round, type BenchResult } from './support/result';

const root = fileURLToPath(new URL('../', import.meta.url));
const READY_LINE = 'Ticketing is running';
const TIMEOUT_MS = 120_000;
const GIB = 1024 ** 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Parent pid of every process, from /proc/<pid>/stat (the field after the parenthesised name). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* the process ended meanwhile */ }
  }
  return map;
}

/** RSS in bytes of `pid` and all its descendants, and how many processes that is. */
export function treeRss(pid: number): { bytes: number; processes: number } {
  const parentOf = parents();
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parentOf) if (tree.has(parent) && !tree.has(child)) { tree.add(child); grew = true; }
  }
  let bytes = 0;
  for (const member of tree) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      if (match) bytes += Number(match[1]) * 1024;
    } catch { /* ended */ }
  }
  return { bytes, processes: tree.size };
}

function waitForLine(child: ChildProcess, text: string, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes(text)) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code}) before "${text}"`)); });
  });
}

/** Ctrl-C to the process group (npm, the launcher and the web client), then SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGINT');
  const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) process.kill(-child.pid!, 'SIGKILL');
  await sleep(500); // the group's last members leave
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* all gone */ }
}

async function startOnce(dataDir: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TICKETING_WEB: 'true', TICKETING_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
  });
  const output: string[] = [];
  try {
    await waitForLine(child, READY_LINE, output);
    const seconds = round((performance.now() - started) / 1000, 1);
    const answer = await fetch(`http://127.0.0.1:${port}/api/tickets`);
    // Memory once it runs: the largest of a few samples over two seconds.
    let rss = { bytes: 0, processes: 0 };
    for (let i = 0; i < 4; i++) {
      const sample = treeRss(child.pid!);
      if (sample.bytes > rss.bytes) rss = sample;
      await sleep(500);
    }
    return { seconds, gatewayStatus: answer.status, rssMiB: Math.round(rss.bytes / 1024 ** 2), rssBytes: rss.bytes, processes: rss.processes };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output.join('').slice(-3000)}`, { cause: error });
  } finally {
    await stopGroup(child);
  }
}

export async function start(): Promise<BenchResult> {
  const webBuilt = existsSync(join(root, 'apps/web/.next/BUILD_ID'));
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketing-bench-start-'));
  try {
    const fresh = await startOnce(dataDir);
    const restart = await startOnce(dataDir);
    // quality.md P6: ≤ 60 s for a first run (new data directory, web build if missing), ≤ 10 s warm.
    const firstLimit = 60;
    const warmLimit = 10;
    const biggest = Math.max(fresh.rssBytes, restart.rssBytes);
    return {
      name: 'start',
      checks: [
        { id: 'P6', what: `npm start, first run (new data dir${webBuilt ? '' : ', web build'})`, target: `≤ ${firstLimit} s`, measured: `${fresh.seconds} s`, pass: fresh.seconds <= firstLimit && fresh.gatewayStatus === 200 },
        { id: 'P6', what: 'npm start, warm (restart on the same data)', target: `≤ ${warmLimit} s`, measured: `${restart.seconds} s`, pass: restart.seconds <= warmLimit && restart.gatewayStatus === 200 },
        { id: 'P6', what: 'whole stack RSS (process tree)', target: '≤ 1024 MiB', measured: `${fresh.rssMiB} / ${restart.rssMiB} MiB (${fresh.processes} processes)`, pass: biggest <= GIB },
      ],
      details: { webBuilt, fresh, restart },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
