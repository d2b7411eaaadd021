// One writer per bus journal: the marketplace, or `npm run bus -- dlq …` while it is stopped, never
// both. The lock is a file naming the holder's pid; a lock whose process is gone (kill -9) is stale
// and taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class JournalLocked extends Error {
  override name = 'JournalLocked';
}

function holder(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True while a process with this pid exists (EPERM: it exists but is someone else's). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws JournalLocked naming the process that holds it. Returns the release. */
export function lockJournal(journalPath: string): () => void {
  const lockPath = `${journalPath}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => { if (holder(lockPath) === process.pid) rmSync(lockPath, { force: true }); };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder(lockPath);
      if (pid === process.pid) return () => undefined; // this process holds it already (a second bus in tests)
      if (pid !== undefined && isProcessRunning(pid)) throw new JournalLocked(`the bus journal ${journalPath} is in use by process ${pid}`);
      rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new JournalLocked(`could not lock the bus journal ${journalPath}`);
}
