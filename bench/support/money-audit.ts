// The money audit (quality.md R10, `npm run audit`) over a stack's own databases and simulator: the
// chaos tests and the benchmarks' P4/P7 runs end with it and require zero findings.
import { formatReport, openInfraSources, runAudit, type AuditReport } from '@ticketing/audit';
import type { InfraStack } from './infra-stack';

export async function auditStack(stack: InfraStack): Promise<AuditReport & { text: string }> {
  const sources = openInfraSources({
    ordersUrl: stack.databaseUrls.orders, paymentsUrl: stack.databaseUrls.payments, payoutsUrl: stack.databaseUrls.payouts,
    stripeApiBase: stack.stripeApiBase, stripeSecretKey: 'sk_test_audit',
  });
  try {
    const report = await runAudit(sources);
    return { ...report, text: formatReport(report) };
  } finally {
    await sources.close();
  }
}
