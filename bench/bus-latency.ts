// Publish→consume latency of a bus adapter at a steady rate, one publish call per event (each
// awaits its own broker confirmation, as a relay sending small batches does).
//   npx tsx bench/bus-latency.ts [--url amqp://…|nats://…|memory://] [--rate 500] [--seconds 10]
// Prints p50/p90/p99/max in ms and one JSON line with the same numbers.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createBus } from '../packages/common/src/bus/create-bus';
import { makeEnvelope } from '../packages/common/src/events/contracts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BUS_URL ?? 'amqp://guest:guest@127.0.0.1:5672' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
  },
});
const rate = Number(values.rate);
const total = Math.round(rate * Number(values.seconds));
const sandbox = `bench-latency-${randomBytes(3).toString('hex')}`;
const bus = await createBus(values.url, { exchange: sandbox, stream: sandbox.toUpperCase().replaceAll('-', '_'), subjectPrefix: sandbox.replaceAll('-', '_') });

const latencies: number[] = [];
let failed = 0;
const subscription = await bus.subscribe({
  group: 'bench', subject: 'ticket:created', concurrency: 50,
  handler: async ({ headers }) => { latencies.push(performance.now() - Number(headers['bench-sent-at'])); },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const start = performance.now();
const publishes: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await sleep(wait);
  const envelope = makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title: `bench ${i}`, price: 10, userId: randomUUID() });
  publishes.push(bus.publish([{ envelope, headers: { 'bench-sent-at': String(performance.now()) } }]).catch(() => { failed++; }));
}
await Promise.all(publishes);
const achievedRate = total / ((performance.now() - start) / 1000);
const deadline = Date.now() + 30_000;
while (latencies.length < total - failed && Date.now() < deadline) await sleep(50);

await subscription.close();
await bus.destroy();
await bus.close();

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(1));
const result = {
  adapter: bus.kind, targetRate: rate, achievedRate: Math.round(achievedRate), sent: total, failed, received: latencies.length,
  p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100),
};
console.log(`${result.adapter}: ${result.received}/${total} received at ~${result.achievedRate} msg/s; latency ms p50 ${result.p50}, p90 ${result.p90}, p99 ${result.p99}, max ${result.max}`);
console.log(JSON.stringify(result));
