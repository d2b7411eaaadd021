// Run as a child process by the embedded launcher on first start: creating a PGlite data
// directory runs initdb, whose WASM memory (~800 MB at peak) a process never gives back. Doing it
// here, in a process that exits, keeps the long-running stack within its memory budget.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: create-database-dir <dir>');
const pglite = await PGlite.create({ dataDir });
await pglite.close();
