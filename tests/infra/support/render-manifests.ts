// The objects a kustomization produces: rendered by `kubectl kustomize` when kubectl is installed
// (offline, no cluster needed); otherwise the YAML files it lists (resources and components,
// recursively) parsed as they are — patches and transformers are then not applied.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

export function hasKubectl(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

export function parseYamlObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors.map((error) => error.message).join('; ')}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value as K8sObject];
  });
}

export function renderKustomization(dir: string, useKubectl = hasKubectl()): K8sObject[] {
  if (!useKubectl) return listedObjects(dir);
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseYamlObjects(result.stdout, dir);
}

function listedObjects(dir: string): K8sObject[] {
  const kustomization = parseYamlObjects(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'), dir)[0] as unknown as {
    resources?: string[]; components?: string[]; namespace?: string;
  };
  const objects = [...(kustomization.resources ?? []), ...(kustomization.components ?? [])].flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listedObjects(path) : parseYamlObjects(readFileSync(path, 'utf8'), path);
  });
  // The one transformer simple enough to mimic: the namespace of everything namespaced.
  const namespace = kustomization.namespace;
  if (namespace) for (const object of objects) if (object.kind !== 'Namespace') object.metadata.namespace = namespace;
  return objects;
}
