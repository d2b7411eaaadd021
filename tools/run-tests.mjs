#!/usr/bin/env node
// `npm test`: typecheck, lint, then the parallel suites, then the serial ones (broker outages,
// whole stacks, the browser). Ends with a plain "N passed, M failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'artifacts/test-results';
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- services/orders` runs only those paths

function run(label, command, args) {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  console.log(`== ${label}: ${status === 0 ? 'ok' : `failed (exit ${status})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  return status === 0;
}

function vitest(project) {
  const output = `${results}/${project}.json`;
  rmSync(output, { force: true });
  const ok = run(`tests (${project})`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${output}`, ...only]);
  const counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    counts.passed = report.numPassedTests;
    // A suite that crashed before its tests ran counts as a failure even with no failed test.
    counts.failed = report.numFailedTests + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0) + (ok || report.numFailedTests || report.numFailedTestSuites ? 0 : 1);
    counts.skipped = report.numPendingTests + report.numTodoTests;
  }
  return counts;
}

const checks = [run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']), run('lint', 'npx', ['eslint', '.'])];
const parallel = vitest('parallel');
const serial = vitest('serial');
const passed = parallel.passed + serial.passed;
const failed = parallel.failed + serial.failed + checks.filter((ok) => !ok).length;
const skipped = parallel.skipped + serial.skipped;
console.log(`\nparallel: ${parallel.passed} passed, ${parallel.failed} failed; serial: ${serial.passed} passed, ${serial.failed} failed; typecheck ${checks[0] ? 'ok' : 'FAILED'}; lint ${checks[1] ? 'ok' : 'FAILED'}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
