// Offline checks of the Kubernetes part of issue 12 (security hardening): the ingress sends the
// gateway's security headers; Redis wants a password that REDIS_URL carries from a Secret; a
// default-deny NetworkPolicy plus, per workload, exactly the connections it needs; one RabbitMQ
// user per service that may publish only its own subjects (derived from packages/common's
// contract); one PostgreSQL role per service and no superuser in any DATABASE_URL; TRUST_PROXY.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import helmet from 'helmet';
import { ports, subjects, subscriptionTable } from '@ticketing/common';
import { authConfigSchema } from '@ticketing/auth/config';
import { ticketsConfigSchema } from '@ticketing/tickets/config';
import { ordersConfigSchema } from '@ticketing/orders/config';
import { paymentsConfigSchema } from '@ticketing/payments/config';
import { expirationConfigSchema } from '@ticketing/expiration/config';
import { catalogConfigSchema } from '@ticketing/catalog/config';
import { payoutsConfigSchema } from '@ticketing/payouts/config';
import { deliveryConfigSchema } from '@ticketing/delivery/config';
import { apiRoutes, ingressPath } from '@ticketing/gateway/routes';
import { defaultDirectives } from '@ticketing/gateway/security-headers';
import { containerEnv, podContainers, type Container } from './support/container-env';
import { connectionAllowed, networkPolicies, type Endpoint } from './support/network-policy';
import { parseYamlObjects, renderKustomization, type K8sObject } from './support/render-manifests';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemas = {
  auth: authConfigSchema, tickets: ticketsConfigSchema, orders: ordersConfigSchema, payments: paymentsConfigSchema,
  expiration: expirationConfigSchema, catalog: catalogConfigSchema, payouts: payoutsConfigSchema, delivery: deliveryConfigSchema,
};
type ServiceName = keyof typeof schemas;
const serviceNames = Object.keys(schemas) as ServiceName[];
const base = renderKustomization(`${root}infra/k8s`);
const local = renderKustomization(`${root}infra/k8s-local`);
const ha = renderKustomization(`${root}infra/k8s-ha`);
const exampleSecrets = parseYamlObjects(readFileSync(`${root}infra/k8s/secrets.example.yaml`, 'utf8'), 'secrets.example.yaml');

const find = (objects: K8sObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
const secretValue = (secret: string, key: string) => (find(exampleSecrets, 'Secret', secret)?.stringData as Record<string, string> | undefined)?.[key];
function serviceContainer(objects: K8sObject[], name: string): Container {
  return podContainers(find(objects, 'Deployment', name)!).find((container) => container.name === name)!;
}
const usesRedis = (name: ServiceName) => 'REDIS_URL' in schemas[name].shape;
/** The services that call the payment provider (payments' charges, payouts' transfers and accounts). */
const usesStripe = (name: ServiceName) => 'STRIPE_API_BASE' in schemas[name].shape;

describe('security headers at the ingress (no gateway on Kubernetes)', () => {
  // What the gateway sends: its own helmet configuration, run on a stand-in response.
  const gateway = new Map<string, string>();
  const removed: string[] = [];
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: defaultDirectives }, crossOriginEmbedderPolicy: false })(
    {} as never,
    { setHeader: (name: string, value: string) => gateway.set(name, value), removeHeader: (name: string) => removed.push(name) } as never,
    () => {},
  );
  function snippetHeaders(ingress: K8sObject) {
    const snippet = (ingress.metadata.annotations as Record<string, string>)['nginx.ingress.kubernetes.io/configuration-snippet'] ?? '';
    const set = new Map([...snippet.matchAll(/^\s*more_set_headers "([^:"]+): ([^"]*)";$/gm)].map((match) => [match[1]!, match[2]!]));
    const cleared = [...snippet.matchAll(/^\s*more_clear_headers "([^"]+)";$/gm)].map((match) => match[1]!);
    const lines = snippet.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length, 'every snippet line is a header directive').toBe(set.size + cleared.length);
    return { set, cleared };
  }
  const ingresses = base.filter((object) => object.kind === 'Ingress');
  const routesOf = (ingress: K8sObject) => (ingress.spec as { rules: Array<{ http: { paths: Array<{ path: string }> } }> }).rules.flatMap((rule) => rule.http.paths.map((path) => path.path));

  it('sets on the API routes exactly the headers the gateway sets, its Content-Security-Policy included', () => {
    expect(gateway.get('Content-Security-Policy')).toMatch(/script-src 'self'/);
    const api = ingresses.filter((ingress) => routesOf(ingress).some((path) => path.startsWith('/api/')));
    expect(api.length).toBeGreaterThan(0);
    for (const ingress of api) {
      const { set, cleared } = snippetHeaders(ingress);
      expect(Object.fromEntries(set)).toEqual(Object.fromEntries(gateway));
      expect(cleared).toEqual(removed);
    }
  });

  it('sets the same on the web client\'s pages except the CSP, which the pages make with a nonce', () => {
    const web = ingresses.filter((ingress) => routesOf(ingress).includes('/'));
    expect(web.length).toBe(1);
    expect(routesOf(web[0]!)).toEqual(['/']);
    const { set, cleared } = snippetHeaders(web[0]!);
    expect(Object.fromEntries(set)).toEqual(Object.fromEntries([...gateway].filter(([name]) => name !== 'Content-Security-Policy')));
    expect(cleared).toEqual(removed);
    expect(readFileSync(`${root}apps/web/proxy.ts`, 'utf8')).toMatch(/Content-Security-Policy/);
  });

  it('routes every path through an Ingress that sets the headers', () => {
    const paths = ingresses.flatMap(routesOf).sort();
    expect(paths).toEqual([...apiRoutes.map((route) => ingressPath(route.prefix).path), '/'].sort());
  });
});

describe('Redis', () => {
  it('starts with --requirepass from the redis Secret, and its probes authenticate', () => {
    const redis = podContainers(find(base, 'StatefulSet', 'redis')!)[0]! as Container & { args: string[] };
    const env = containerEnv(redis, base);
    expect(redis.args.slice(redis.args.indexOf('--requirepass'))).toEqual(['--requirepass', '$(REDIS_PASSWORD)']);
    expect(env.get('REDIS_PASSWORD')).toEqual({ kind: 'secret', secret: 'redis', key: 'password' });
    expect(env.get('REDISCLI_AUTH')).toEqual({ kind: 'secret', secret: 'redis', key: 'password' });
  });

  it.each(serviceNames.filter(usesRedis))('gives %s a REDIS_URL with the password, from the Secret', (name) => {
    for (const objects of [base, local, ha]) expect(containerEnv(serviceContainer(objects, name), objects).get('REDIS_URL')).toEqual({ kind: 'secret', secret: 'redis', key: 'url' });
    const url = new URL(secretValue('redis', 'url')!);
    expect(url.hostname).toBe('redis');
    expect(decodeURIComponent(url.password)).toBe(secretValue('redis', 'password'));
    expect(url.password).not.toBe('');
  });

  it('is used by the services whose config has REDIS_URL, and no other', () => {
    expect(serviceNames.filter(usesRedis).sort()).toEqual(['auth', 'expiration', 'payments', 'payouts']);
    for (const name of serviceNames.filter((candidate) => !usesRedis(candidate))) expect(containerEnv(serviceContainer(base, name), base).has('REDIS_URL')).toBe(false);
  });
});

describe('NetworkPolicies', () => {
  const podOf = (workload: K8sObject): Endpoint => ({
    namespace: 'ticketing', labels: (workload.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels,
  });
  const controller: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
  const prometheus: Endpoint = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
  const dns: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
  const stripe: Endpoint = { namespace: '', labels: {}, ip: '54.187.174.169' };
  const privateAddress: Endpoint = { namespace: '', labels: {}, ip: '10.1.2.3' };
  const stranger: Endpoint = { namespace: 'default', labels: { 'app.kubernetes.io/name': 'anything' } };
  const routed = new Set<string>(apiRoutes.map((route) => route.upstream));

  /** Every connection the pods need, as "from -> to:port"; nothing else may be allowed. */
  function expectedEdges(withSimulator: boolean): string[] {
    const edges: string[] = [];
    for (const name of serviceNames) {
      if (routed.has(name)) edges.push(`ingress-nginx -> ${name}:${ports[name]}`);
      edges.push(`prometheus -> ${name}:${ports[name]}`);
      edges.push(`${name} -> postgres:5432`, `${name} -> rabbitmq:5672`, `${name} -> otel-collector:4318`);
      if (usesRedis(name)) edges.push(`${name} -> redis:6379`);
      if (name !== 'auth') edges.push(`${name} -> auth:${ports.auth}`); // AUTH_JWKS_URL
    }
    edges.push(`ingress-nginx -> web:${ports.web}`, 'web -> ingress-nginx:80', 'web -> ingress-nginx:443');
    edges.push('postgres-roles -> postgres:5432', 'prometheus -> otel-collector:8888');
    // The collector may export to a backend anywhere (OTLP ports and 443), the controller's 443 included.
    edges.push('otel-collector -> ingress-nginx:443');
    // The simulator: each Stripe caller's API calls in, its webhooks out (payments', and payouts' Connect ones).
    if (withSimulator) for (const name of serviceNames.filter(usesStripe)) edges.push(`${name} -> stripe-sim:12111`, `stripe-sim -> ${name}:${ports[name]}`);
    // Sellers' browsers open the simulator's hosted onboarding page through the ingress.
    if (withSimulator) edges.push('ingress-nginx -> stripe-sim:12111');
    return edges.sort();
  }

  describe.each([['infra/k8s', base, false], ['infra/k8s-local', local, true]] as const)('%s', (_label, objects, withSimulator) => {
    const policies = networkPolicies(objects);
    const pods = objects.filter((object) => ['Deployment', 'StatefulSet', 'Job'].includes(object.kind));
    const endpoints = new Map<string, Endpoint>([...pods.map((pod) => [pod.metadata.name, podOf(pod)] as const), ['ingress-nginx', controller], ['prometheus', prometheus]]);
    const portsOf = (name: string): number[] => {
      if (name === 'ingress-nginx') return [80, 443];
      if (name === 'prometheus') return [9090];
      const pod = pods.find((candidate) => candidate.metadata.name === name)!;
      return podContainers(pod).flatMap((container) => (container.ports ?? []).map((port) => port.containerPort));
    };

    it('has a default deny for both directions covering every pod', () => {
      const deny = policies.find((policy) => {
        const spec = policy.spec as { podSelector: object; policyTypes: string[]; ingress?: unknown[]; egress?: unknown[] };
        return Object.keys(spec.podSelector).length === 0 && spec.policyTypes.includes('Ingress') && spec.policyTypes.includes('Egress')
          && (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
      });
      expect(deny, 'default-deny NetworkPolicy').toBeDefined();
    });

    it('gives every workload a policy of its own', () => {
      for (const pod of pods) {
        const own = policies.filter((policy) => {
          const selector = (policy.spec as { podSelector: { matchLabels?: Record<string, string> } }).podSelector.matchLabels;
          return selector?.['app.kubernetes.io/name'] === pod.metadata.name;
        });
        expect(own.length, `NetworkPolicy for ${pod.kind} ${pod.metadata.name}`).toBeGreaterThan(0);
      }
    });

    it('allows exactly the connections each workload needs, between the pods and with the controller and Prometheus', () => {
      const allowed: string[] = [];
      for (const [from, source] of endpoints) {
        for (const [to, target] of endpoints) {
          if (from === to || (source.namespace !== 'ticketing' && target.namespace !== 'ticketing')) continue;
          for (const port of portsOf(to)) if (connectionAllowed(policies, source, target, port)) allowed.push(`${from} -> ${to}:${port}`);
        }
      }
      expect(allowed.sort())
        .toEqual(expectedEdges(withSimulator));
    });

    it('lets every pod resolve names, nobody outside reach the pods, and only payments and payouts (and the collector\'s backend) reach the internet', () => {
      expect(serviceNames.filter(usesStripe).sort()).toEqual(['payments', 'payouts']);
      for (const [name, endpoint] of endpoints) {
        if (endpoint.namespace !== 'ticketing') continue;
        expect(connectionAllowed(policies, endpoint, dns, 53), `${name} DNS`).toBe(true);
        for (const port of portsOf(name)) expect(connectionAllowed(policies, stranger, endpoint, port), `stranger -> ${name}:${port}`).toBe(false);
        const internet = connectionAllowed(policies, endpoint, stripe, 443);
        const stripeCaller = serviceNames.some((service) => service === name && usesStripe(service));
        expect(internet, `${name} -> internet:443`).toBe(stripeCaller || name === 'otel-collector');
        if (stripeCaller) expect(connectionAllowed(policies, endpoint, privateAddress, 443), `${name} -> a private address`).toBe(false);
        if (name !== 'otel-collector') expect(connectionAllowed(policies, endpoint, stripe, 80), `${name} -> internet:80`).toBe(false);
      }
    });
  });

  it('in infra/k8s-ha lets each service reach its own CloudNativePG cluster only, and the RabbitMQ nodes each other', () => {
    const policies = networkPolicies(ha);
    for (const name of serviceNames) {
      const service: Endpoint = { namespace: 'ticketing', labels: { 'app.kubernetes.io/name': name } };
      for (const other of serviceNames) {
        const instance: Endpoint = { namespace: 'ticketing', labels: { 'cnpg.io/cluster': `${other}-db` } };
        expect(connectionAllowed(policies, service, instance, 5432), `${name} -> ${other}-db`).toBe(name === other);
      }
    }
    const node: Endpoint = { namespace: 'ticketing', labels: { 'app.kubernetes.io/name': 'rabbitmq' } };
    expect(connectionAllowed(policies, node, node, 25672)).toBe(true);
    expect(connectionAllowed(policies, { namespace: 'ticketing', labels: { 'app.kubernetes.io/name': 'auth' } }, node, 25672)).toBe(false);
  });
});

describe('RabbitMQ: a user per service that publishes only its own subjects', () => {
  // Who publishes a subject: the service its prefix names (events.md); session:revoked is auth's,
  // event:* catalog's (docs/events-and-price-caps.md). payouts publishes none (docs/payouts.md), nor
  // does delivery (docs/ticket-delivery.md).
  const publisherOf = (subject: string): ServiceName => ({
    ticket: 'tickets', order: 'orders', payment: 'payments', expiration: 'expiration', session: 'auth', event: 'catalog',
  } as Record<string, ServiceName>)[subject.split(':')[0]!]!;
  const rules = find(base, 'ConfigMap', 'rabbitmq-users')!.data as Record<string, string>;
  const topicWrite = new Map(rules.users!.trim().split('\n').map((line) => line.trim().split(/\s+/) as [string, string]));
  // The whole topology of packages/common/src/bus/rabbitmq.ts, which every process declares.
  const queues = subscriptionTable.flatMap(({ group, subject }) => [`${group}.${subject}`, `${group}.${subject}.dlq`]);
  const topology = ['ticketing', 'ticketing.delay', 'ticketing.requeue', 'ticketing.dlx', 'ticketing.dlq-index', 'ticketing.delay.1000', 'ticketing.delay.512000', ...queues];
  const full = (pattern: string) => new RegExp(pattern);

  it('has a publisher among the services for every subject of the contract', () => {
    for (const subject of subjects) expect(serviceNames, subject).toContain(publisherOf(subject));
    expect([...topicWrite.keys()].sort()).toEqual([...serviceNames].sort());
  });

  it.each(serviceNames)('lets %s write to the ticketing exchange exactly with the subjects it publishes', (name) => {
    const pattern = full(topicWrite.get(name)!);
    for (const subject of subjects) expect(pattern.test(subject), `${name} publishing ${subject}`).toBe(publisherOf(subject) === name);
    expect(pattern.test(`${subjects.find((subject) => publisherOf(subject) === name)}x`)).toBe(false);
  });

  it.each(['payouts', 'delivery'] as const)('lets %s, which publishes no subject, write no routing key a queue binds', (name) => {
    expect(subjects.filter((subject) => publisherOf(subject) === name)).toEqual([]);
    const pattern = full(topicWrite.get(name)!);
    for (const key of [...subjects, ...subscriptionTable.map(({ group, subject }) => `${group}.${subject}`), 'payout:created', 'pass:issued', 'x']) {
      expect(pattern.test(key), key).toBe(false);
    }
  });

  it('gives every user configure, write and read on the whole topology, write on the default exchange, nothing else', () => {
    for (const resource of topology) for (const kind of ['configure', 'write', 'read']) expect(full(rules[kind]!).test(resource), `${kind} ${resource}`).toBe(true);
    expect(full(rules.write!).test('amq.default')).toBe(true);
    for (const resource of ['amq.topic', 'amq.direct', 'other', 'ticketing.other', 'ticketingx', 'orders-service.ticket:created.x']) {
      for (const kind of ['configure', 'write', 'read']) expect(full(rules[kind]!).test(resource), `${kind} ${resource}`).toBe(false);
    }
  });

  it.each(serviceNames)('connects %s as its own user, whose password the users container is given', (name) => {
    for (const objects of [base, local, ha]) expect(containerEnv(serviceContainer(objects, name), objects).get('BUS_URL')).toEqual({ kind: 'secret', secret: `rabbitmq-${name}`, key: 'url' });
    const url = new URL(secretValue(`rabbitmq-${name}`, 'url')!);
    expect(url.hostname).toBe('rabbitmq');
    expect(decodeURIComponent(url.username)).toBe(name);
    expect(secretValue(`rabbitmq-${name}`, 'username')).toBe(name);
    expect(decodeURIComponent(url.password)).toBe(secretValue(`rabbitmq-${name}`, 'password'));
    const pod = (find(base, 'StatefulSet', 'rabbitmq')!.spec as { template: { spec: { volumes: Array<{ name: string; projected?: { sources: Array<{ secret: { name: string; items: Array<{ key: string; path: string }> } }> } }> } } }).template.spec;
    const passwords = pod.volumes.find((volume) => volume.name === 'passwords')!.projected!.sources;
    expect(passwords).toContainEqual({ secret: { name: `rabbitmq-${name}`, items: [{ key: 'password', path: name }] } });
  });

  it('applies the rules at every broker start with rabbitmqctl, topic permissions on the ticketing exchange', () => {
    expect(rules['apply.sh']).toMatch(/set_permissions -p \/ "\$name" "\$configure" "\$write" "\$read"/);
    expect(rules['apply.sh']).toMatch(/set_topic_permissions -p \/ "\$name" ticketing "\$topic" '\.\*'/);
    const containers = podContainers(find(base, 'StatefulSet', 'rabbitmq')!);
    expect(containers.map((container) => container.name)).toEqual(['rabbitmq', 'users']);
  });

  it.each(serviceNames)('makes the same user for %s with the Messaging Topology Operator in infra/k8s-ha', (name) => {
    expect(find(ha, 'User', 'ticketing')).toBeUndefined();
    const user = find(ha, 'User', name)!.spec as { importCredentialsSecret: { name: string } };
    expect(user.importCredentialsSecret.name).toBe(`rabbitmq-${name}`);
    const permission = find(ha, 'Permission', name)!.spec as { userReference: { name: string }; permissions: Record<string, string> };
    expect(permission.userReference.name).toBe(name);
    expect(permission.permissions).toEqual({ configure: rules.configure, write: rules.write, read: rules.read });
    const topic = find(ha, 'TopicPermission', name)!.spec as { vhost: string; userReference: { name: string }; permissions: Record<string, string> };
    expect(topic.userReference.name).toBe(name);
    expect(topic.permissions).toEqual({ exchange: 'ticketing', write: topicWrite.get(name), read: '.*' });
  });
});

describe('PostgreSQL: a role per service, no superuser in any DATABASE_URL', () => {
  it.each(serviceNames)('gives %s a DATABASE_URL with a role of its own, for its own database', (name) => {
    const url = new URL(secretValue(`${name}-secrets`, 'DATABASE_URL')!);
    expect(url.username).toBe(name);
    expect(url.username).not.toBe('postgres');
    expect(url.pathname).toBe(`/ticketing_${name}`);
    expect(decodeURIComponent(url.password)).not.toBe(secretValue('postgres', 'password'));
  });

  it('has no DATABASE_URL with the superuser anywhere in the manifests or the example Secrets', () => {
    for (const objects of [base, local, ha, exampleSecrets]) {
      for (const text of objects.map((object) => JSON.stringify(object))) expect(text).not.toMatch(/postgres(ql)?:\/\/postgres[:@]/);
    }
  });

  it('makes the roles with a Job from the services\' DATABASE_URLs, as the superuser only there', () => {
    const job = find(base, 'Job', 'postgres-roles')!;
    const env = containerEnv(podContainers(job)[0]!, base);
    expect(env.get('PGPASSWORD')).toEqual({ kind: 'secret', secret: 'postgres', key: 'password' });
    for (const name of serviceNames) expect(env.get(`${name.toUpperCase()}_DATABASE_URL`)).toEqual({ kind: 'secret', secret: `${name}-secrets`, key: 'DATABASE_URL' });
    const script = (find(base, 'ConfigMap', 'postgres-roles')!.data as Record<string, string>)['roles.cjs']!;
    expect(script).toMatch(/NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    expect(script).toMatch(/CREATE DATABASE \$\{d\} OWNER \$\{r\}/);
    expect(script).toMatch(/REVOKE ALL ON DATABASE \$\{d\} FROM PUBLIC/);
    expect(script).toContain(`[${serviceNames.map((name) => `'${name}'`).join(', ')}]`);
    // Only the Job and PostgreSQL itself read the superuser's password.
    const readers = [...base, ...local].filter((object) => ['Deployment', 'StatefulSet', 'Job'].includes(object.kind))
      .filter((workload) => podContainers(workload).some((container) => [...containerEnv(container, base).values()].some((source) => source.kind === 'secret' && source.secret === 'postgres')));
    expect([...new Set(readers.map((workload) => workload.metadata.name))].sort()).toEqual(['postgres', 'postgres-roles']);
    // CloudNativePG makes its owners itself.
    expect(find(ha, 'Job', 'postgres-roles')).toBeUndefined();
  });
});

describe('TRUST_PROXY behind ingress-nginx', () => {
  it('trusts the one hop of the controller in auth, the only service that counts per client address', () => {
    for (const objects of [base, local, ha]) expect(containerEnv(serviceContainer(objects, 'auth'), objects).get('TRUST_PROXY')).toEqual({ kind: 'value', value: '1' });
    for (const name of serviceNames) expect('TRUST_PROXY' in schemas[name].shape, name).toBe(name === 'auth');
  });
});
