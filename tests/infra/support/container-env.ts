// The environment a container gets from a rendered manifest: envFrom ConfigMaps (resolved from the
// rendered objects) and env entries, each either a literal value or a reference to a Secret key.
import type { K8sObject } from './render-manifests';

export type EnvSource = { kind: 'value'; value: string } | { kind: 'secret'; secret: string; key: string };

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}
export interface Probe { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } }

export function podContainers(workload: K8sObject): Container[] {
  const spec = workload.spec as { template: { spec: { containers: Container[] } } };
  return spec.template.spec.containers;
}

export function containerEnv(container: Container, objects: K8sObject[]): Map<string, EnvSource> {
  const result = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error(`${container.name}: envFrom a Secret hides which variables it sets; use secretKeyRef`);
    const name = source.configMapRef?.name;
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name);
    if (!configMap) throw new Error(`${container.name}: ConfigMap ${name} is not in the manifests`);
    for (const [key, value] of Object.entries((configMap.data ?? {}) as Record<string, string>)) result.set(key, { kind: 'value', value });
  }
  for (const entry of container.env ?? []) {
    const secretRef = entry.valueFrom?.secretKeyRef;
    if (secretRef) result.set(entry.name, { kind: 'secret', secret: secretRef.name, key: secretRef.key });
    else if (entry.value !== undefined) result.set(entry.name, { kind: 'value', value: entry.value });
    else throw new Error(`${container.name}: ${entry.name} has neither a value nor a secretKeyRef`);
  }
  return result;
}
