// `dlq list | replay [ref…] | drop [ref…]`: the dead letters of every group on this bus. list prints
// one JSON line per letter; replay and drop act on the given refs, or on all letters without refs.
import { openDeadLetters } from './connect';
import { UsageError } from './usage-error';

export async function dlq(args: string[]): Promise<void> {
  const [action, ...refs] = args;
  if (action !== 'list' && action !== 'replay' && action !== 'drop') throw new UsageError('usage: dlq list | dlq replay [ref…] | dlq drop [ref…]');
  if (action === 'list' && refs.length > 0) throw new UsageError('usage: dlq list');
  const { letters, close } = await openDeadLetters();
  try {
    if (action === 'list') {
      for (const letter of await letters.list()) process.stdout.write(`${JSON.stringify(letter)}\n`);
    } else {
      const count = await letters[action](refs.length > 0 ? refs : undefined);
      process.stdout.write(`${action === 'replay' ? 'replayed' : 'dropped'} ${count}\n`);
    }
  } finally {
    await close();
  }
}
