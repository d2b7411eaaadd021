// The bus CLI (`npm run bus -- <command>`), successor of the original's nats-test utility: publish,
// listen and manage dead letters on RabbitMQ or NATS, chosen by BUS_URL (dead letters also of the
// embedded marketplace: BUS_URL=memory://<data dir>).
import { busUrl } from './connect';
import { dlq } from './dlq';
import { listen } from './listen';
import { publish } from './publish';
import { UsageError } from './usage-error';

const usage = `usage: npm run bus -- <command>
  publish <subject> <json-data>     validate and publish one event
  listen <subject…> [--group g]     print each event received as a JSON line
  dlq list                          print the dead letters as JSON lines
  dlq replay [ref…]                 send dead letters back to their group (all without refs)
  dlq drop [ref…]                   delete dead letters (all without refs)
environment: BUS_URL (default ${busUrl({})}; memory://[data dir] for the embedded
  marketplace's dead letters, running or stopped), BUS_EXCHANGE, BUS_STREAM, BUS_SUBJECT_PREFIX`;

const commands: Record<string, (args: string[]) => Promise<void>> = { publish, listen, dlq };

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n${usage}\n`);
    return 2;
  }
  try {
    await command(args);
    return 0;
  } catch (error) {
    process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `bus: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
