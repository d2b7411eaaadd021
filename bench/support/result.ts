// What every benchmark returns to bench/run.ts: table rows (target, measured, pass) and the
// details written to bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Check { id: string; what: string; target: string; measured: string; pass: boolean }
export interface BenchResult { name: string; checks: Check[]; details: Record<string, unknown> }

export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${result.name}.json`;
  writeFileSync(file, `${JSON.stringify({ ...result, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  return file;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
