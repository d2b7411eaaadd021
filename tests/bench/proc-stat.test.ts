// The /proc parsing behind P8's CPU-ms per reservation (bench/support/proc-stat.ts): command names
// with spaces and parentheses, processes that come and go between samples. No timing is checked.
import { describe, expect, it } from 'vitest';
import { cpuMsByGroup, parseProcStat, readProcStat, type CpuSample } from '../../bench/support/proc-stat';

const line = (comm: string, utime: number, stime: number) =>
  `4242 (${comm}) S 17 4242 4242 0 -1 4194560 1523 0 0 0 ${utime} ${stime} 3 4 20 0 11 0 123456 1234567890 12345 18446744073709551615 0 0 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0`;

describe('parseProcStat', () => {
  it('reads pid, name, parent and user + system ticks', () => {
    expect(parseProcStat(line('postgres', 150, 45))).toMatchObject({ pid: 4242, comm: 'postgres', state: 'S', ppid: 17, utime: 150, stime: 45 });
  });

  it('takes the fields after the last parenthesis when the name holds spaces and parentheses', () => {
    expect(parseProcStat(line('node (tsx) x) S 1 2', 7, 9))).toMatchObject({ comm: 'node (tsx) x) S 1 2', ppid: 17, utime: 7, stime: 9 });
  });

  it('refuses a line that is not one', () => {
    expect(() => parseProcStat('garbage')).toThrow();
    expect(() => parseProcStat('12 (x) S')).toThrow();
  });

  it.runIf(process.platform === 'linux')('reads this process', () => {
    expect(readProcStat(process.pid)).toMatchObject({ pid: process.pid, ppid: process.ppid });
  });
});

describe('cpuMsByGroup', () => {
  const sample = (entries: Array<[number, string, number]>): CpuSample => new Map(entries.map(([pid, group, ticks]) => [pid, { group, ticks }]));

  it('sums the ticks spent per group in ms, counting new processes from zero and ended ones not at all', () => {
    const before = sample([[1, 'orders', 100], [2, 'orders', 50], [3, 'postgres', 10], [4, 'redis', 5]]);
    const after = sample([[1, 'orders', 130], [2, 'orders', 60], [3, 'postgres', 12], [5, 'postgres', 7]]);
    expect(cpuMsByGroup(before, after)).toEqual({ orders: 400, postgres: 90 });
  });

  it('treats a reused pid in another group as a new process', () => {
    expect(cpuMsByGroup(sample([[9, 'gateway', 500]]), sample([[9, 'postgres', 3]]))).toEqual({ postgres: 30 });
  });
});
