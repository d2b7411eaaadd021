// `npm run bench [-- p1 p4 …]`: the performance targets of quality.md, one after another, on this
// machine's PostgreSQL, RabbitMQ and Redis (127.0.0.1 only). Prints target / measured / pass per
// row and writes bench/results/<bench>.json plus summary.json. Exit code 1 when a target is missed
// or a benchmark failed. P1, P2 and P4 share one infra stack (started once, removed afterwards);
// P3 (bench/propagation.ts, imported) and P5 (bench/expiry.ts, its own process) run while no stack is up.
// P7 (bench/scale.ts) starts and removes its own stacks (1 replica, then 2), also when aborted.
// P8 (bench/settled.ts) likewise starts its own stack (then pgbench on it), then an embedded one.
import { browse } from './browse';
import { flashSale } from './flash-sale';
import { reserve } from './reserve';
import { start } from './start';
import { runPropagationBench } from './propagation';
import { scale } from './scale';
import { settled } from './settled';
import { killScripts, runScript } from './support/external';
import { startInfraStack, type InfraStack, type InfraStackOptions } from './support/infra-stack';
import { writeResult, type BenchResult, type Check } from './support/result';

/** The whole run stops itself after this, whatever is still going. */
const WATCHDOG_MS = 20 * 60_000;

interface Bench {
  id: string;
  title: string;
  needsStack: boolean;
  /** The script writes bench/results/<name>.json itself. */
  writesOwnResult?: boolean;
  run(stack?: InfraStack): Promise<BenchResult>;
}

interface ExpiryMeasurement { p50: number; p99: number; fired: number; duplicates: number; missing: number }
/** expiry.json: the runner's shape ({ checks }) if its author adopts it, else the script's own. */
type ExpiryJson = Partial<BenchResult> & { orders: number; scheduler: ExpiryMeasurement; service: ExpiryMeasurement; pass: { scheduler: boolean; service: boolean } };

/** P3 is bench/propagation.ts's own runner (it writes propagation.json itself). */
function propagate(): Promise<BenchResult> {
  return runPropagationBench({ url: process.env.BUS_URL ?? 'amqp://guest:guest@127.0.0.1:5672', rate: 500, seconds: 10, burst: 20_000 });
}

async function expire(): Promise<BenchResult> {
  const json = await runScript<ExpiryJson>('expiry.ts', [], 'expiry.json', 5 * 60_000);
  if (json.checks) return { name: 'expiry', checks: json.checks, details: json.details ?? {} };
  const show = (m: ExpiryMeasurement) => `p99 ${m.p99} ms (p50 ${m.p50}), ${m.fired}/${json.orders} fired, ${m.duplicates} dup, ${m.missing} missing`;
  return {
    name: 'expiry',
    checks: [
      { id: 'P5', what: `${json.orders} expiries in 1 s, BullMQ alone`, target: 'p99 ≤ 1000 ms, each once', measured: show(json.scheduler), pass: json.pass.scheduler },
      { id: 'P5', what: `${json.orders} expiries in 1 s, expiration service`, target: 'p99 ≤ 1000 ms, each once', measured: show(json.service), pass: json.pass.service },
    ],
    details: { see: 'bench/results/expiry.json' },
  };
}

/** stop() of each stack a benchmark starts itself (P7), from its start on: abort() removes those still there. */
const ownStacks = new Set<() => Promise<void>>();
async function startOwnStack(options: InfraStackOptions): Promise<InfraStack> {
  let stop = () => Promise.resolve();
  const forget = () => { ownStacks.delete(stop); };
  try {
    const started = await startInfraStack({ ...options, onStarting: (stopStarting) => { stop = stopStarting; ownStacks.add(stop); } });
    return { ...started, stop: () => started.stop().finally(forget) };
  } catch (error) {
    forget(); // a stack that fails to start removes itself
    throw error;
  }
}

const benches: Bench[] = [
  { id: 'p1', title: 'P1 browse', needsStack: true, run: (stack) => browse(stack!) },
  { id: 'p2', title: 'P2 reserve', needsStack: true, run: (stack) => reserve(stack!) },
  { id: 'p4', title: 'P4 flash sale', needsStack: true, run: (stack) => flashSale(stack!) },
  { id: 'p3', title: 'P3 propagate', needsStack: false, writesOwnResult: true, run: propagate },
  { id: 'p5', title: 'P5 expiry', needsStack: false, writesOwnResult: true, run: expire },
  { id: 'p6', title: 'P6 start', needsStack: false, run: start },
  { id: 'p7', title: 'P7 scale', needsStack: false, run: () => scale(startOwnStack) },
  { id: 'p8', title: 'P8 settled', needsStack: false, run: () => settled(startOwnStack) },
];

function selected(args: string[]): Bench[] {
  const wanted = args.map((arg) => arg.toLowerCase()).filter((arg) => arg !== '--');
  const unknown = wanted.filter((id) => !benches.some((bench) => bench.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from ${benches.map((bench) => bench.id).join(' ')}\n`);
    process.exit(2);
  }
  return wanted.length === 0 ? benches : benches.filter((bench) => wanted.includes(bench.id));
}

function printTable(checks: Check[]): void {
  const rows = [['id', 'what', 'target', 'measured', 'pass'], ...checks.map((check) => [check.id, check.what, check.target, check.measured, check.pass ? 'pass' : 'FAIL'])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log('');
  console.log(line(rows[0]));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
let stack: InfraStack | undefined;

async function stopStack(): Promise<void> {
  const running = stack;
  stack = undefined;
  if (!running) return;
  log('stopping the infra stack and removing its databases …');
  await running.stop().catch((error) => log(`stopping the stack failed: ${(error as Error).message}`));
}

async function stopOwnStacks(): Promise<void> {
  if (ownStacks.size === 0) return;
  log(`stopping ${ownStacks.size} stack(s) a benchmark started …`);
  await Promise.all([...ownStacks].map((stop) => stop().catch((error) => log(`stopping a stack failed: ${(error as Error).message}`))));
}

async function abort(reason: string): Promise<never> {
  log(`${reason}: stopping`);
  killScripts();
  await Promise.all([stopStack(), stopOwnStacks()]);
  process.exit(130);
}
process.on('SIGINT', () => void abort('interrupted'));
process.on('SIGTERM', () => void abort('terminated'));
setTimeout(() => void abort(`still running after ${WATCHDOG_MS / 60_000} min`), WATCHDOG_MS).unref();

const chosen = selected(process.argv.slice(2));
const began = Date.now();
const checks: Check[] = [];
for (const bench of chosen) {
  const benchStarted = Date.now();
  try {
    if (bench.needsStack && !stack) {
      log('starting the infra stack (services, gateway, stripe-sim on free ports; fresh databases) …');
      stack = await startInfraStack();
      log(`stack up in ${((Date.now() - benchStarted) / 1000).toFixed(1)} s at ${stack.gatewayUrl}`);
    }
    // The stand-alone benchmarks and P6 get the machine without the stack's processes.
    if (!bench.needsStack) await stopStack();
    log(`${bench.title} …`);
    const result = await bench.run(stack);
    if (!bench.writesOwnResult) writeResult(result);
    checks.push(...result.checks);
    log(`${bench.title} done in ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);
  } catch (error) {
    log(`${bench.title} failed: ${(error as Error).message}`);
    if (stack) log(`recent stack output:\n${stack.recentOutput().split('\n').slice(-15).map((line) => line.slice(0, 300)).join('\n')}`);
    checks.push({ id: bench.title.split(' ')[0], what: bench.title, target: '—', measured: `error: ${(error as Error).message.split('\n')[0].slice(0, 100)}`, pass: false });
  }
}
await stopStack();

checks.sort((a, b) => a.id.localeCompare(b.id));
printTable(checks);
const passed = checks.filter((check) => check.pass).length;
console.log(`\n${passed} of ${checks.length} targets met in ${((Date.now() - began) / 60_000).toFixed(1)} min; details in bench/results/*.json`);
writeResult({ name: 'summary', checks, details: { benches: chosen.map((bench) => bench.id), minutes: (Date.now() - began) / 60_000 } });
process.exit(passed === checks.length ? 0 : 1);
