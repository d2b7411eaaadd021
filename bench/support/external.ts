// P3 and P5 are stand-alone scripts by their authors (bench/propagation.ts, bench/expiry.ts): run
// as they are, in their own process, and read back the JSON they write to bench/results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resultsDir } from './result';

const root = fileURLToPath(new URL('../../', import.meta.url));
const running = new Set<ChildProcess>();

/** Runs `bench/<script>` with tsx and returns the JSON it wrote to bench/results/<resultFile> during this run. */
export async function runScript<T>(script: string, args: string[], resultFile: string, timeoutMs: number): Promise<T> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, `${root}bench/${script}`, ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  running.delete(child);
  const file = `${resultsDir}${resultFile}`;
  if (code !== 0 || !existsSync(file) || statSync(file).mtimeMs < startedAt) {
    throw new Error(`${script} ${code === null ? `was stopped after ${timeoutMs / 1000} s` : `exited with ${code}`} without a fresh ${resultFile}:\n${output.join('').slice(-2000)}`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** A process a benchmark started itself (P8's embedded stack): ended by killScripts too. */
export function trackProcess(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** On Ctrl-C: the scripts still running end too. */
export function killScripts(): void {
  for (const child of running) child.kill('SIGTERM');
}
