// Whether NetworkPolicies let one pod open a TCP connection to another (or to an address outside
// the cluster): the sender's egress and the receiver's ingress must both allow it, and a pod no
// policy of a direction selects is open in that direction (Kubernetes semantics). Covers the parts
// we write: matchLabels selectors, namespaceSelector by kubernetes.io/metadata.name, ipBlock with
// except (IPv4), numeric ports.
import type { K8sObject } from './render-manifests';

export interface Endpoint { namespace: string; labels: Record<string, string>; ip?: string }
interface Selector { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }
interface Peer { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } }
interface Rule { from?: Peer[]; to?: Peer[]; ports?: Array<{ protocol?: string; port?: number | string }> }
interface PolicySpec { podSelector: Selector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] }

function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not modelled');
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
const ipToInt = (ip: string) => ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base!) / size);
}
function peerMatches(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    // Pods are matched by selectors; an ipBlock stands for addresses outside the cluster here.
    return other.ip !== undefined && inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr) => inCidr(other.ip!, cidr));
  }
  if (other.ip !== undefined) return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': other.namespace })
    : other.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? selects(peer.podSelector, other.labels) : true);
}
function ruleAllows(rule: Rule, peers: Peer[] | undefined, other: Endpoint, port: number, namespace: string): boolean {
  const portOk = !rule.ports?.length || rule.ports.some((candidate) => (candidate.protocol ?? 'TCP') === 'TCP' && (candidate.port === undefined || candidate.port === port));
  if (typeof rule.ports?.find((candidate) => typeof candidate.port === 'string')?.port === 'string') throw new Error('named ports are not modelled');
  return portOk && (!peers?.length || peers.some((peer) => peerMatches(peer, other, namespace)));
}
function directionAllows(policies: K8sObject[], direction: 'Ingress' | 'Egress', self: Endpoint, other: Endpoint, port: number): boolean {
  if (self.ip !== undefined) return true; // outside the cluster: no policies of ours
  const selecting = policies.filter((policy) => {
    const spec = policy.spec as PolicySpec;
    const types = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return (policy.metadata.namespace ?? 'ticketing') === self.namespace && types.includes(direction) && selects(spec.podSelector, self.labels);
  });
  if (selecting.length === 0) return true;
  return selecting.some((policy) => {
    const spec = policy.spec as PolicySpec;
    const rules = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
    return rules.some((rule) => ruleAllows(rule, direction === 'Ingress' ? rule.from : rule.to, other, port, self.namespace));
  });
}

export function networkPolicies(objects: K8sObject[]): K8sObject[] {
  return objects.filter((object) => object.kind === 'NetworkPolicy');
}

/** Whether `from` may open a TCP connection to `to` on `port`. */
export function connectionAllowed(policies: K8sObject[], from: Endpoint, to: Endpoint, port: number): boolean {
  return directionAllows(policies, 'Egress', from, to, port) && directionAllows(policies, 'Ingress', to, from, port);
}
