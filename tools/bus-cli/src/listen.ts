// `listen <subject…> [--group g]`: prints every event received as one JSON line (the envelope).
// Without --group it joins a throwaway group of its own and deletes that group's queues/consumers
// when it stops (SIGINT, SIGTERM), so it leaves nothing behind on the broker.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Subscription } from '@ticketing/common/bus/index';
import { isSubject, subjects as knownSubjects, type Subject } from '@ticketing/common/events/contracts';
import { connectBus } from './connect';
import { UsageError } from './usage-error';

export function parseListenArgs(args: string[]): { subjects: Subject[]; group?: string } {
  const subjects: Subject[] = [];
  let group: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--group') group = args[++i];
    else if (arg.startsWith('--group=')) group = arg.slice('--group='.length);
    else if (isSubject(arg)) subjects.push(arg);
    else throw new UsageError(`unknown subject "${arg}"; known subjects: ${knownSubjects.join(', ')}`);
    if (group === '') throw new UsageError('--group needs a name');
  }
  if (subjects.length === 0) throw new UsageError('usage: listen <subject…> [--group g]');
  return { subjects, group };
}

export async function listen(args: string[]): Promise<void> {
  const { subjects, group: chosen } = parseListenArgs(args);
  const throwaway = chosen === undefined;
  const group = chosen ?? `bus-cli-${hostname().replace(/[^A-Za-z0-9-]/g, '-')}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const bus = await connectBus();
  const subscriptions: Subscription[] = [];

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
    if (throwaway) await Promise.allSettled(subjects.map((subject) => bus.removeGroup(group, subject)));
    await bus.close();
  })());
  const done = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void stop().then(resolve); });
  });

  try {
    for (const subject of subjects) {
      subscriptions.push(await bus.subscribe({
        group, subject, concurrency: 1,
        handler: async ({ envelope }) => { process.stdout.write(`${JSON.stringify(envelope)}\n`); },
      }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  process.stderr.write(`listening on ${subjects.join(', ')} as group ${group}${throwaway ? ' (throwaway)' : ''}\n`);
  await done;
}
