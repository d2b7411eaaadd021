// The operators' custom resources we write (Prometheus Operator, RabbitMQ Cluster and Messaging
// Topology Operators, CloudNativePG) are not in kubernetes-models' Kubernetes schemas. This checks
// them against the fields of their CRDs that we use: required ones present with the right type,
// and no key outside the CRD's (a typo would be dropped or rejected by the API server).
import type { K8sObject } from './render-manifests';

type Check = (value: unknown, path: string) => string[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with these fields (required ones marked with a trailing "!"); unknown keys are problems. */
function object(fields: Record<string, Check | null>): Check {
  return (value, path) => {
    if (!isObject(value)) return [`${path} is not an object`];
    const problems: string[] = [];
    for (const [key, check] of Object.entries(fields)) {
      const name = key.replace(/!$/, '');
      if (key.endsWith('!') && !(name in value)) problems.push(`${path}.${name} is required`);
      if (name in value && check) problems.push(...check(value[name], `${path}.${name}`));
    }
    const known = new Set(Object.keys(fields).map((key) => key.replace(/!$/, '')));
    for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`${path}.${key} is not a field of the CRD`);
    return problems;
  };
}
const array = (item: Check): Check => (value, path) =>
  Array.isArray(value) ? value.flatMap((entry, index) => item(entry, `${path}[${index}]`)) : [`${path} is not a list`];
const string: Check = (value, path) => (typeof value === 'string' && value.length > 0 ? [] : [`${path} is not a non-empty string`]);
const integer: Check = (value, path) => (Number.isInteger(value) ? [] : [`${path} is not an integer`]);
const any: Check | null = null;

const labelSelector = object({ matchLabels: any, matchExpressions: array(object({ 'key!': string, 'operator!': string, values: any })) });
const clusterReference = object({ 'name!': string, namespace: string, connectionSecret: any });

const specs: Record<string, Check> = {
  'monitoring.coreos.com/v1/ServiceMonitor': object({
    'selector!': labelSelector, namespaceSelector: any, jobLabel: string,
    'endpoints!': array(object({ port: string, targetPort: any, path: string, interval: string, scrapeTimeout: string, scheme: string, relabelings: any, metricRelabelings: any })),
  }),
  'monitoring.coreos.com/v1/PrometheusRule': object({
    'groups!': array(object({
      'name!': string, interval: string,
      'rules!': array(object({ alert: string, record: string, 'expr!': string, for: string, labels: any, annotations: any })),
    })),
  }),
  'rabbitmq.com/v1beta1/RabbitmqCluster': object({
    replicas: integer, image: string, resources: any, persistence: object({ storage: string, storageClassName: string }),
    rabbitmq: object({ additionalConfig: string, additionalPlugins: any, advancedConfig: string, envConfig: string }),
    affinity: any, tolerations: any, service: any, override: any, tls: any, terminationGracePeriodSeconds: integer,
  }),
  'rabbitmq.com/v1beta1/User': object({ 'rabbitmqClusterReference!': clusterReference, importCredentialsSecret: object({ 'name!': string }), tags: any }),
  'rabbitmq.com/v1beta1/Permission': object({
    'vhost!': string, user: string, userReference: object({ 'name!': string }), 'rabbitmqClusterReference!': clusterReference,
    'permissions!': object({ configure: string, write: string, read: string }),
  }),
  'rabbitmq.com/v1beta1/TopicPermission': object({
    'vhost!': string, user: string, userReference: object({ 'name!': string }), 'rabbitmqClusterReference!': clusterReference,
    'permissions!': object({ 'exchange!': string, write: string, read: string }),
  }),
  'postgresql.cnpg.io/v1/Cluster': object({
    'instances!': integer, imageName: string, primaryUpdateStrategy: string, 'storage!': object({ 'size!': string, storageClass: string }),
    resources: any, postgresql: object({ parameters: any, pg_hba: any }), affinity: object({ enablePodAntiAffinity: any, podAntiAffinityType: string, topologyKey: string }),
    bootstrap: object({ initdb: object({ database: string, owner: string, secret: any }) }), monitoring: any,
  }),
};

export const customKinds = Object.keys(specs);

/** Problems with a custom resource we know, or undefined when its kind is not one of them. */
export function customResourceProblems(object: K8sObject): string[] | undefined {
  const check = specs[`${object.apiVersion}/${object.kind}`];
  if (!check) return undefined;
  const label = `${object.kind} ${object.metadata.name}`;
  return typeof object.metadata.name === 'string' ? check(object.spec, `${label}.spec`) : [`${label} has no name`];
}
