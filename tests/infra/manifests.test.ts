// Offline checks of infra/: the Kubernetes manifests (as kustomize renders them) are schema-valid
// for Kubernetes 1.27 with no unknown workload fields, every service gets exactly the environment
// its config schema declares, the ingress routes as the gateway does, and compose.yaml agrees.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { ports } from '@ticketing/common';
import { authConfigSchema } from '@ticketing/auth/config';
import { ticketsConfigSchema } from '@ticketing/tickets/config';
import { ordersConfigSchema } from '@ticketing/orders/config';
import { paymentsConfigSchema } from '@ticketing/payments/config';
import { expirationConfigSchema } from '@ticketing/expiration/config';
import { apiRoutes } from '@ticketing/gateway/routes';
import { configProblems, type EnvValues } from './support/config-check';
import { containerEnv, podContainers, type Container } from './support/container-env';
import { parseYamlObjects, renderKustomization, type K8sObject } from './support/render-manifests';
import { unknownFields } from './support/strict-fields';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemas: Record<string, z.ZodObject> = {
  auth: authConfigSchema, tickets: ticketsConfigSchema, orders: ordersConfigSchema,
  payments: paymentsConfigSchema, expiration: expirationConfigSchema,
};
const serviceNames = Object.keys(schemas) as Array<keyof typeof ports & keyof typeof schemas>;
const autoscaled = ['tickets', 'orders', 'payments'];
/** Optional in the schemas (development generates or skips them) but required on a cluster, from a Secret. */
const clusterSecrets: Record<string, string[]> = { auth: ['JWT_PRIVATE_KEY'], payments: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] };
const credentialName = /KEY|SECRET|PASSWORD|DATABASE_URL|BUS_URL/;

const base = renderKustomization(`${root}infra/k8s`);
const local = renderKustomization(`${root}infra/k8s-local`);
const exampleSecrets = parseYamlObjects(readFileSync(`${root}infra/k8s/secrets.example.yaml`, 'utf8'), 'secrets.example.yaml');

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace, 'v1/ConfigMap': ConfigMap, 'v1/Secret': Secret, 'v1/Service': Service,
  'apps/v1/Deployment': Deployment, 'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler, 'networking.k8s.io/v1/Ingress': Ingress,
};

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

describe.each([['infra/k8s', base], ['infra/k8s-local', local], ['secrets.example.yaml', exampleSecrets]])('%s objects', (_label, objects) => {
  it('are valid Kubernetes 1.27 objects of known kinds', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
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
    expect(container.command).toEqual(['node', 'node_modules/tsx/dist/cli.mjs', `services/${name}/src/main.ts`]);
  });
});

describe('the cluster as a whole', () => {
  it('gives every container resource requests and a memory limit, and runs only existing entry points', () => {
    for (const workload of workloads(local)) {
      for (const container of podContainers(workload)) {
        expect(container.resources?.requests, container.name).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources?.limits?.memory, container.name).toEqual(expect.any(String));
        if (container.image?.startsWith('ticketing:')) {
          for (const path of container.command!.filter((part) => part.includes('/'))) expect(existsSync(`${root}${path}`), path).toBe(true);
        }
      }
    }
  });

  it('scales tickets, orders and payments with HorizontalPodAutoscalers that own their replica counts', () => {
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

  it('routes the ingress exactly like the gateway: each API prefix to its service, everything else to web', () => {
    const ingress = find(base, 'Ingress', 'ticketing')!.spec as {
      ingressClassName: string;
      rules: Array<{ host?: string; http: { paths: Array<{ path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }> } }>;
    };
    expect(ingress.ingressClassName).toBe('nginx');
    expect(ingress.rules).toHaveLength(1);
    const routes = ingress.rules[0]!.http.paths.map((path) => ({ path: path.path, type: path.pathType, service: path.backend.service.name, port: path.backend.service.port.name }));
    expect(routes).toEqual([
      ...apiRoutes.map((route) => ({ path: route.prefix, type: 'Prefix', service: route.upstream, port: 'http' })),
      { path: '/', type: 'Prefix', service: 'web', port: 'http' },
    ]);
    for (const route of routes) expect(find(base, 'Service', route.service), route.service).toBeDefined();
  });

  it('runs the Stripe simulator only in the local variant, with payments pointed at it and webhooks signed with its secret', () => {
    expect(find(base, 'Deployment', 'stripe-sim')).toBeUndefined();
    expect(literalEnv(serviceContainer(base, 'payments'), base).get('STRIPE_API_BASE')).toBe('https://api.stripe.com');
    expect(literalEnv(serviceContainer(local, 'payments'), local).get('STRIPE_API_BASE')).toBe('http://stripe-sim:12111');
    const sim = containerEnv(serviceContainer(local, 'stripe-sim'), local);
    const simReads = new Set(readFileSync(`${root}tools/stripe-sim/src/main.ts`, 'utf8').match(/(?<=process\.env\.)[A-Z_]+/g));
    for (const variable of sim.keys()) expect(simReads, variable).toContain(variable);
    expect(sim.get('STRIPE_WEBHOOK_SECRET')).toEqual(containerEnv(serviceContainer(local, 'payments'), local).get('STRIPE_WEBHOOK_SECRET'));
    expect(sim.get('STRIPE_SIM_WEBHOOK_URL')).toEqual({ kind: 'value', value: `http://payments:${ports.payments}/api/payments/webhooks/stripe` });
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
    expect(service.command).toEqual(['node', 'node_modules/tsx/dist/cli.mjs', `services/${name}/src/main.ts`]);
    expect(configProblems(schemas[name]!, new Map(Object.entries(service.environment ?? {})))).toEqual([]);
  });

  it('gives the gateway and the simulator only variables they read', () => {
    const gatewaySource = readFileSync(`${root}apps/gateway/src/main.ts`, 'utf8');
    const gatewayReads = new Set(gatewaySource.slice(gatewaySource.indexOf('z.object({')).match(/^\s+([A-Z_]+):/gm)?.map((line) => line.trim().slice(0, -1)));
    expect(gatewayReads.size).toBeGreaterThan(5);
    for (const variable of Object.keys(compose.services.gateway!.environment!)) expect(gatewayReads, variable).toContain(variable);
    const simReads = new Set(readFileSync(`${root}tools/stripe-sim/src/main.ts`, 'utf8').match(/(?<=process\.env\.)[A-Z_]+/g));
    for (const variable of Object.keys(compose.services['stripe-sim']!.environment!)) expect(simReads, variable).toContain(variable);
    expect(compose.services['stripe-sim']!.environment!.STRIPE_WEBHOOK_SECRET).toBe(compose.services.payments!.environment!.STRIPE_WEBHOOK_SECRET);
  });
});
