// The pass CLI (`npm run pass -- verify <token> [--url …]`): see cli.ts.
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));
