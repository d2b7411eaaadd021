// `npm run audit` — the money audit (quality.md R10). Infra mode by default (env below);
// `npm run audit -- --embedded [dataDir]` reads a stopped `npm start`'s data directory.
// Exit 0: no findings; 1: findings (listed); 2: the audit could not read its sources.
import { openEmbeddedSources, openInfraSources, type OpenSources } from './sources';
import { formatReport, runAudit } from './run-audit';

const POSTGRES = 'postgres://postgres@127.0.0.1:5432';

function sourcesFromArgs(args: string[], env: NodeJS.ProcessEnv): Promise<OpenSources> | OpenSources {
  const embedded = args.indexOf('--embedded');
  if (embedded !== -1) return openEmbeddedSources(args[embedded + 1] ?? env.TICKETING_DATA_DIR ?? './.data');
  return openInfraSources({
    ordersUrl: env.ORDERS_DATABASE_URL ?? `${POSTGRES}/ticketing_orders`,
    paymentsUrl: env.PAYMENTS_DATABASE_URL ?? `${POSTGRES}/ticketing_payments`,
    payoutsUrl: env.PAYOUTS_DATABASE_URL ?? `${POSTGRES}/ticketing_payouts`,
    stripeApiBase: env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111',
    stripeSecretKey: env.STRIPE_SECRET_KEY ?? 'sk_test_simulator',
  });
}

async function main(): Promise<number> {
  const sources = await sourcesFromArgs(process.argv.slice(2), process.env);
  try {
    process.stdout.write(`${sources.description}\n`);
    const report = await runAudit(sources);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.findings.length === 0 ? 0 : 1;
  } finally {
    await sources.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`money audit failed: ${(error as Error).message ?? String(error)}\n`);
    process.exit(2);
  },
);
