// The simulator's state on disk (embedded mode, issue 11): an append-only JSON-lines file, one
// record per saved object version (`{"kind","id","value"}`), read back in order at start, so the
// last version of each object wins. After each API request the objects it read or wrote and the
// idempotency keys it kept are appended (synchronously: a request's answer is sent after its state
// is on disk). When the file holds far more records than live objects it is rewritten as a snapshot
// (write to a temporary file, then rename: a crash leaves the old file or the new one, never half).
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IdempotencyEntry, IdempotencyStore } from '../api/idempotency';
import { STORE_KINDS, type Store, type StoreKind } from '../domain/store';

type RecordKind = StoreKind | 'idempotency';

interface StateRecord {
  kind: RecordKind;
  id: string;
  value: unknown;
}

/** The state names customers' payments: only its owner reads it (a new file or directory). */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Rewrite when the file has this many times more records than live objects (and enough to matter). */
const COMPACT_RATIO = 4;
const COMPACT_MIN_RECORDS = 10_000;

export class StateFile {
  private dirty = new Map<StoreKind, Set<string>>();
  private keys = new Map<string, IdempotencyEntry>();
  private records = 0;
  private loading = false;
  private store?: Store;
  private idempotency?: IdempotencyStore;

  constructor(readonly path: string) {}

  /** For the store's and the idempotency layer's hooks. */
  touched(kind: StoreKind, id: string): void {
    if (this.loading) return;
    let ids = this.dirty.get(kind);
    if (!ids) this.dirty.set(kind, (ids = new Set()));
    ids.add(id);
  }

  keyKept(id: string, entry: IdempotencyEntry): void {
    if (!this.loading) this.keys.set(id, entry);
  }

  /** Reads the file into an empty store; a torn last line (a crash mid-append) is ignored. */
  load(store: Store, idempotency: IdempotencyStore): void {
    this.store = store;
    this.idempotency = idempotency;
    if (!existsSync(this.path)) return;
    this.loading = true;
    try {
      for (const record of readRecords(this.path)) {
        this.records++;
        if (record.kind === 'idempotency') idempotency.restore(record.id, record.value as IdempotencyEntry);
        else if (record.value === null) store[record.kind].delete(record.id);
        else (store[record.kind] as Map<string, unknown>).set(record.id, record.value);
      }
    } finally {
      this.loading = false;
    }
  }

  /** After a request: append what it touched (`write` false: a read-only request, nothing changed). */
  flush(write: boolean): void {
    const store = this.store;
    if (!store) throw new Error('StateFile.flush before load');
    const dirty = this.dirty;
    const keys = this.keys;
    this.dirty = new Map();
    this.keys = new Map();
    if (!write) return;
    const lines: string[] = [];
    for (const [kind, ids] of dirty) {
      const map = store[kind] as Map<string, unknown>;
      for (const id of ids) lines.push(line({ kind, id, value: Map.prototype.get.call(map, id) ?? null }));
    }
    for (const [id, value] of keys) lines.push(line({ kind: 'idempotency', id, value }));
    if (lines.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR });
    appendFileSync(this.path, lines.join(''), { mode: PRIVATE_FILE });
    this.records += lines.length;
    if (this.records > COMPACT_MIN_RECORDS && this.records > COMPACT_RATIO * liveCount(store)) this.compact();
  }

  /** Rewrites the file with one record per live object and per idempotency key still in its window. */
  compact(): void {
    const store = this.store;
    if (!store) throw new Error('StateFile.compact before load');
    const idempotencyKeys = this.idempotency?.kept() ?? [];
    const lines: string[] = [];
    for (const kind of STORE_KINDS) {
      for (const [id, value] of store[kind] as Map<string, unknown>) lines.push(line({ kind, id, value }));
    }
    for (const [id, value] of idempotencyKeys) lines.push(line({ kind: 'idempotency', id, value }));
    const temporary = `${this.path}.tmp`;
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR });
    writeFileSync(temporary, lines.join(''), { mode: PRIVATE_FILE });
    renameSync(temporary, this.path);
    this.records = lines.length;
  }

  /**
   * `<path>.pid` names the process serving this state while it runs: a reader of the file (the money
   * audit) can tell a running marketplace from a stopped one.
   */
  claim(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR });
    writeFileSync(pidFileOf(this.path), String(process.pid), { mode: PRIVATE_FILE });
  }

  release(): void {
    rmSync(pidFileOf(this.path), { force: true });
  }

  /** `reset`: the file is emptied with the store. */
  clear(): void {
    this.dirty = new Map();
    this.keys = new Map();
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR });
    writeFileSync(this.path, '', { mode: PRIVATE_FILE });
    this.records = 0;
  }
}

export function pidFileOf(path: string): string {
  return `${path}.pid`;
}

function line(record: StateRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function liveCount(store: Store): number {
  return STORE_KINDS.reduce((sum, kind) => sum + store[kind].size, 0);
}

function* readRecords(path: string): Generator<StateRecord> {
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as StateRecord;
    } catch (error) {
      if (index < lines.length - 1 && lines.slice(index + 1).some((rest) => rest.trim() !== '')) throw new Error(`${path}: line ${index + 1} is not JSON`, { cause: error });
    }
  }
}
