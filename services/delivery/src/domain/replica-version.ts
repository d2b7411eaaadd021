// Versioned replica updates (architecture decision 6): apply v only on top of v − 1.
export type VersionVerdict = 'apply' | 'duplicate' | 'too-early';

export function judgeVersion(replicaVersion: number, incomingVersion: number): VersionVerdict {
  if (incomingVersion <= replicaVersion) return 'duplicate';
  if (incomingVersion === replicaVersion + 1) return 'apply';
  return 'too-early';
}
