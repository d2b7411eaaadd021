// kubernetes-models ignores fields it does not know, so a typo such as `readinesProbe` would pass
// its validation and be dropped by the API server. This walks workloads against the field names
// of the Kubernetes 1.27 API for the parts we write, and reports every unknown key by path.
interface Shape { [field: string]: Shape | null }

const fields = (names: string, children: Shape = {}): Shape =>
  Object.fromEntries([...names.trim().split(/\s+/).map((name) => [name, null] as const), ...Object.entries(children)]);

const metadata = fields('name namespace labels annotations generateName finalizers ownerReferences');
const probe = fields('exec httpGet tcpSocket grpc initialDelaySeconds periodSeconds timeoutSeconds successThreshold failureThreshold terminationGracePeriodSeconds', {
  httpGet: fields('path port host scheme httpHeaders'),
  tcpSocket: fields('port host'),
  exec: fields('command'),
});
const container = fields(
  'name image imagePullPolicy command args workingDir ports env envFrom resources volumeMounts volumeDevices lifecycle securityContext terminationMessagePath terminationMessagePolicy stdin stdinOnce tty resizePolicy',
  {
    ports: fields('name containerPort protocol hostPort hostIP'),
    env: fields('name value valueFrom', { valueFrom: fields('secretKeyRef configMapKeyRef fieldRef resourceFieldRef') }),
    envFrom: fields('configMapRef secretRef prefix'),
    resources: fields('requests limits claims'),
    volumeMounts: fields('name mountPath readOnly subPath subPathExpr mountPropagation'),
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle: fields('preStop postStart'),
    securityContext: fields('allowPrivilegeEscalation readOnlyRootFilesystem capabilities privileged runAsUser runAsGroup runAsNonRoot seccompProfile seLinuxOptions procMount windowsOptions'),
  },
);
const podSpec = fields(
  `containers initContainers ephemeralContainers volumes securityContext terminationGracePeriodSeconds serviceAccountName
   serviceAccount automountServiceAccountToken affinity tolerations nodeSelector nodeName topologySpreadConstraints imagePullSecrets
   priorityClassName priority preemptionPolicy restartPolicy dnsPolicy dnsConfig hostname subdomain enableServiceLinks
   shareProcessNamespace activeDeadlineSeconds runtimeClassName schedulerName hostAliases readinessGates overhead os
   hostNetwork hostPID hostIPC hostUsers setHostnameAsFQDN resourceClaims schedulingGates`,
  {
    containers: container,
    initContainers: container,
    volumes: fields('name emptyDir configMap secret persistentVolumeClaim projected downwardAPI hostPath ephemeral'),
    securityContext: fields('runAsUser runAsGroup runAsNonRoot fsGroup fsGroupChangePolicy supplementalGroups seccompProfile seLinuxOptions sysctls windowsOptions'),
  },
);
const template = fields('metadata spec', { metadata, spec: podSpec });
const workload = (spec: Shape): Shape => fields('apiVersion kind metadata spec status', { metadata, spec });

const shapes: Record<string, Shape> = {
  Deployment: workload(fields('replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds', { template })),
  StatefulSet: workload(fields(
    'replicas selector template serviceName volumeClaimTemplates podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals',
    { template },
  )),
};

/** Unknown field paths in a Deployment or StatefulSet (other kinds: none checked). */
export function unknownFields(object: { kind: string }): string[] {
  const shape = shapes[object.kind];
  return shape ? walk(object, shape, object.kind) : [];
}

function walk(value: unknown, shape: Shape, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => walk(item, shape, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    if (!(key in shape)) return [`${path}.${key}`];
    const childShape = shape[key];
    return childShape ? walk(child, childShape, `${path}.${key}`) : [];
  });
}
