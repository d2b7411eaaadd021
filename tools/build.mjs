#!/usr/bin/env node
// `npm run build`: every process we ship compiled to plain JavaScript that `node` runs with no
// compiler at run time, plus the Next.js production build of the web client.
//
//   services/<name>/dist/main.js   auth, tickets, orders, payments, expiration, catalog, payouts, delivery
//   apps/gateway/dist/main.js      the local ingress (compose; ingress-nginx replaces it on Kubernetes)
//   tools/<tool>/dist/main.js      stripe-sim, bus-cli (npm run bus), audit (npm run audit)
//   apps/web/.next/                next build
//
// Each entry point is bundled by esbuild with the workspace code it imports (@ticketing/*, which
// is TypeScript) and source maps (run with `node --enable-source-maps`); npm dependencies stay
// external and are loaded from node_modules, as from source. A bundle sits in its own workspace's
// dist/ so that Node resolves dependencies from the same place as the source does.
//
// Files found beside a module through `new URL(..., import.meta.url)` (the SQL migrations) are
// copied to `<workspace>/dist/files/<path in the repository>`, and in the bundle every
// module's import.meta.url names its source path under that folder, so the code finds them
// unchanged. `node tools/build.mjs --no-web` skips the Next.js build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = fileURLToPath(new URL('../', import.meta.url));

/** The processes we ship: workspace folder → its entry point (relative to the workspace). */
export const entries = {
  'services/auth': 'src/main.ts',
  'services/tickets': 'src/main.ts',
  'services/orders': 'src/main.ts',
  'services/payments': 'src/main.ts',
  'services/expiration': 'src/main.ts',
  'services/catalog': 'src/main.ts',
  'services/payouts': 'src/main.ts',
  'services/delivery': 'src/main.ts',
  'apps/gateway': 'src/main.ts',
  'tools/stripe-sim': 'src/main.ts',
  'tools/bus-cli': 'src/main.ts',
  'tools/audit': 'src/main.ts',
};

/** Where the build of a workspace's entry point lands, relative to the repository root. */
export const outputOf = (workspace) => `${workspace}/dist/main.js`;

const posix = (path) => path.split(sep).join('/');

/** Workspace packages (TypeScript, bundled) vs npm dependencies (external, loaded at run time). */
const externalDependencies = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@ticketing/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Gives every bundled module of ours an import.meta.url naming its source path under dist/files/. */
function sourceLocations(filesDir, outDir, usesImportMetaUrl) {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`) && !args.path.includes(`${sep}@ticketing${sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const sourcePath = posix(relative(root, args.path));
        usesImportMetaUrl.add(sourcePath);
        const fromBundle = posix(relative(outDir, join(filesDir, sourcePath)));
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** Data files below the folder of each module that locates files by import.meta.url (not code, not tests). */
function copyDataFiles(sources, filesDir) {
  const copied = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'test', 'dist'].includes(entry.name)) walk(path);
      } else if (!/\.(ts|tsx|js|mjs|cjs|map)$/.test(entry.name) && !copied.includes(path)) {
        cpSync(path, join(filesDir, relative(root, path)));
        copied.push(path);
      }
    }
  };
  for (const source of sources) walk(dirname(join(root, source)));
  return [...new Set(copied.map((path) => posix(relative(root, dirname(path)))))];
}

/** Bundles one workspace's entry point into <workspace>/dist/. */
export async function buildEntry(workspace) {
  const outDir = join(root, workspace, 'dist');
  const filesDir = join(outDir, 'files');
  rmSync(outDir, { recursive: true, force: true });
  const usesImportMetaUrl = new Set();
  await esbuild.build({
    entryPoints: [join(root, workspace, entries[workspace])],
    outfile: join(root, outputOf(workspace)),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [externalDependencies, sourceLocations(filesDir, outDir, usesImportMetaUrl)],
  });
  const data = copyDataFiles(usesImportMetaUrl, filesDir);
  return { workspace, output: outputOf(workspace), data };
}

export async function buildAll() {
  return Promise.all(Object.keys(entries).map(buildEntry));
}

export function buildWeb() {
  const next = join(root, 'node_modules/next/dist/bin/next');
  const result = spawnSync(process.execPath, [next, 'build'], {
    cwd: join(root, 'apps/web'), stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const built = await buildAll();
  for (const { output, data } of built) console.log(`built ${output}${data.length ? ` (+ ${data.join(', ')})` : ''}`);
  console.log(`bundles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!process.argv.includes('--no-web')) {
    buildWeb();
    if (!existsSync(join(root, 'apps/web/.next/BUILD_ID'))) throw new Error('next build left no BUILD_ID');
  }
}
