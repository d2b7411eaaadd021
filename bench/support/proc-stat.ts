// CPU time of processes, read from /proc (Linux): what P8 reports as CPU-ms per reservation for
// each process of the stack, for PostgreSQL, RabbitMQ and Redis. A sample is taken before and after
// the measured window; the difference is the CPU the process spent in it (user + system).
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat that are used here. Times in clock ticks. */
export interface ProcStat { pid: number; comm: string; state: string; ppid: number; utime: number; stime: number }

/**
 * Parses one /proc/<pid>/stat line. The command name is in parentheses and may itself hold spaces
 * and parentheses ("(node (tsx))"): the fields after it start after the *last* ')'.
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  const pid = Number(line.slice(0, open).trim());
  // Fields 3 … : state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
  const rest = line.slice(close + 2).trim().split(/\s+/);
  const [state, ppid, utime, stime] = [rest[0], Number(rest[1]), Number(rest[11]), Number(rest[12])];
  if (!Number.isInteger(pid) || !Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  return { pid, comm: line.slice(open + 1, close), state, ppid, utime, stime };
}

/** Clock ticks per second (sysconf(_SC_CLK_TCK)): 100 on every Linux this runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // ended meanwhile, or not Linux
  }
}

/** The command line of a process with its NULs as spaces ('' when unreadable). */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

export function allProcesses(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry)).map((entry) => readProcStat(Number(entry))).filter((stat): stat is ProcStat => stat !== undefined);
}

/** Which process belongs to which reported group ("orders", "postgres (stack backends)" …), or undefined. */
export type Classifier = (stat: ProcStat) => string | undefined;

/** CPU ticks per pid, with the group each pid was put in. */
export type CpuSample = Map<number, { group: string; ticks: number }>;

export function sampleCpu(classify: Classifier): CpuSample {
  const sample: CpuSample = new Map();
  for (const stat of allProcesses()) {
    const group = classify(stat);
    if (group) sample.set(stat.pid, { group, ticks: stat.utime + stat.stime });
  }
  return sample;
}

/**
 * CPU milliseconds per group between two samples. A process that appeared in between counts from
 * zero; one that ended in between counts nothing after the first sample (its last ticks are lost:
 * the processes measured here are long-lived — the services' pooled backends, not one-off clients).
 */
export function cpuMsByGroup(before: CpuSample, after: CpuSample): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [pid, { group, ticks }] of after) {
    const earlier = before.get(pid);
    const spent = ticks - (earlier && earlier.group === group ? earlier.ticks : 0);
    totals[group] = (totals[group] ?? 0) + Math.max(0, spent) * (1000 / CLOCK_TICKS_PER_SECOND);
  }
  return totals;
}

/**
 * CPU per group from now until stop(), sampled every `intervalMs`: a process that ends in between
 * (a pgbench client's backend, a pool connection closed) keeps the ticks of its last sample.
 */
export function trackCpu(classify: Classifier, intervalMs = 250): { stop(): Record<string, number> } {
  const first = sampleCpu(classify);
  const last: CpuSample = new Map(first);
  const update = () => { for (const [pid, seen] of sampleCpu(classify)) last.set(pid, seen); };
  const timer = setInterval(update, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      update();
      return cpuMsByGroup(first, last);
    },
  };
}
