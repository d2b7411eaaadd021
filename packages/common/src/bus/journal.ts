// The in-process bus's write-ahead journal (embedded mode): an append-only file of JSON lines that
// records every queue, every message put on a queue, and how each one was settled. A process that
// is killed (kill -9, a crash) reopens the journal and finds the messages the relay had already
// handed over but no consumer had finished: they are delivered again, and the inbox absorbs the
// ones that were in fact handled. This is what the brokers' durable queues give infra mode.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { Headers } from './port';

export interface JournalQueue { group: string; subject: string }
export interface JournalMessage extends JournalQueue { id: string; body: string; headers: Headers; attempt: number; failures?: number; waitingSince?: string }
export interface JournalLetter extends JournalQueue { id: string; body: string; headers: Headers; error: string; attempts: number; deadAt: string }

export type JournalRecord =
  | ({ op: 'queue' } & JournalQueue)
  /** A queue removed with everything on it (the CLI's throwaway groups). */
  | ({ op: 'forget' } & JournalQueue)
  | ({ op: 'enqueue' } & JournalMessage)
  /** A delivery that did not finish (a wait or a failure): the next delivery is `attempt`. */
  | { op: 'retry'; id: string; attempt: number; failures?: number; waitingSince?: string }
  /** Handled (acked) or dropped: gone for good. */
  | { op: 'settled'; id: string }
  | { op: 'dead'; id: string; error: string; attempts: number; deadAt: string }
  | ({ op: 'letter' } & JournalLetter);

/** What the journal holds: queues, messages not yet settled (in order), dead letters. */
export interface JournalState {
  queues: JournalQueue[];
  messages: JournalMessage[];
  letters: JournalLetter[];
}

/** Records appended since the last rewrite before the journal is compacted to its live state. */
const DEFAULT_COMPACT_AFTER = 50_000;

export class BusJournal {
  private fd: number;
  private appended = 0;

  private constructor(private readonly path: string, private readonly liveState: () => JournalState, private readonly compactAfter: number) {
    this.fd = openSync(path, 'a');
  }

  /**
   * Reads the journal at `path` (if any), rewrites it to its live state, and opens it for appends.
   * `liveState` is asked for the bus's current state whenever the journal compacts itself.
   */
  static open(path: string, liveState: () => JournalState, compactAfter = DEFAULT_COMPACT_AFTER): { journal: BusJournal; state: JournalState } {
    const state = existsSync(path) ? replay(readFileSync(path, 'utf8')) : { queues: [], messages: [], letters: [] };
    rewrite(path, state);
    return { journal: new BusJournal(path, liveState, compactAfter), state };
  }

  /** Appends records in one write: when it returns, a crash of this process no longer loses them. */
  append(records: JournalRecord[]): void {
    if (records.length === 0) return;
    writeSync(this.fd, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    this.appended += records.length;
    if (this.appended >= this.compactAfter) this.compact();
  }

  /** Rewrites the file to the live state only (atomic: a new file renamed over the old one). */
  compact(): void {
    closeSync(this.fd);
    rewrite(this.path, this.liveState());
    this.fd = openSync(this.path, 'a');
    this.appended = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function rewrite(path: string, state: JournalState): void {
  const records: JournalRecord[] = [
    ...state.queues.map((queue) => ({ op: 'queue' as const, ...queue })),
    ...state.messages.map((message) => ({ op: 'enqueue' as const, ...message })),
    ...state.letters.map((letter) => ({ op: 'letter' as const, ...letter })),
  ];
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  renameSync(temporary, path);
}

const queueKey = (queue: JournalQueue) => `${queue.group}\u0000${queue.subject}`;

/** Folds the records into the state they leave behind. */
export function replay(text: string): JournalState {
  const queues = new Map<string, JournalQueue>();
  const messages = new Map<string, JournalMessage>();
  const letters = new Map<string, JournalLetter>();
  for (const line of text.split('\n')) {
    const record = parseLine(line);
    if (!record) continue;
    switch (record.op) {
      case 'queue':
        queues.set(queueKey(record), { group: record.group, subject: record.subject });
        break;
      case 'forget':
        queues.delete(queueKey(record));
        for (const map of [messages, letters] as Map<string, JournalQueue>[]) {
          for (const [id, entry] of map) if (queueKey(entry) === queueKey(record)) map.delete(id);
        }
        break;
      case 'enqueue': {
        const { op: _op, ...message } = record;
        messages.set(record.id, message);
        break;
      }
      case 'retry': {
        const message = messages.get(record.id);
        if (message) Object.assign(message, { attempt: record.attempt, failures: record.failures, waitingSince: record.waitingSince });
        break;
      }
      case 'settled':
        messages.delete(record.id);
        letters.delete(record.id);
        break;
      case 'dead': {
        const message = messages.get(record.id);
        if (!message) break;
        messages.delete(record.id);
        const { attempt: _attempt, failures: _failures, waitingSince: _since, ...rest } = message;
        letters.set(record.id, { ...rest, error: record.error, attempts: record.attempts, deadAt: record.deadAt });
        break;
      }
      case 'letter': {
        const { op: _op, ...letter } = record;
        letters.set(record.id, letter);
        break;
      }
    }
  }
  return { queues: [...queues.values()], messages: [...messages.values()], letters: [...letters.values()] };
}

/** One record, or undefined for a blank line or the torn last line of a crash. */
function parseLine(line: string): JournalRecord | undefined {
  if (!line.trim()) return undefined;
  try {
    return JSON.parse(line) as JournalRecord;
  } catch {
    return undefined;
  }
}
