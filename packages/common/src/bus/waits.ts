// The messages a process has seen waiting (events.md: "the oldest wait is visible in metrics"),
// keyed by (group, subject, event id). A message that moved to another replica stops being
// refreshed here and is forgotten after `staleAfterMs`, so the figure never sticks.
export interface OldestWait {
  group: string;
  subject: string;
  seconds: number;
}

interface Entry {
  group: string;
  subject: string;
  since: number;
  seenAt: number;
}

export class WaitTracker {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly staleAfterMs = 180_000) {}

  waiting(key: string, group: string, subject: string, since: number): void {
    this.entries.set(key, { group, subject, since, seenAt: Date.now() });
  }

  settled(key: string): void {
    this.entries.delete(key);
  }

  /** The oldest live wait per (group, subject). */
  oldest(now = Date.now()): OldestWait[] {
    const byQueue = new Map<string, OldestWait>();
    for (const [key, entry] of this.entries) {
      if (now - entry.seenAt > this.staleAfterMs) { this.entries.delete(key); continue; }
      const name = `${entry.group}|${entry.subject}`;
      const seconds = (now - entry.since) / 1000;
      const current = byQueue.get(name);
      if (!current || current.seconds < seconds) byQueue.set(name, { group: entry.group, subject: entry.subject, seconds });
    }
    return [...byQueue.values()];
  }
}
