/**
 * Pairs of snapshots (src/core/model.ts `Snapshot`) of N results each, for the diff: a previous snapshot and the
 * next night's scan of the same scope, with the churn of a real fleet between them: new failures, fixes, resources
 * gone and added, results that became unknown, severities raised, and waivers (some expired). Results carry real
 * fingerprints (src/core/fingerprint.ts) and realistic messages and evidence.
 *
 * Written as a stream (one result at a time), so a million results never sit in the generator's memory.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../src/core/fingerprint';
import type { Result, Severity, Snapshot, Status, TargetSummary, Waiver } from '../../src/core/model';
import { Rng } from './rng';

const HOST_CHECKS: [string, Severity][] = [
  ['host.ssh.root-login-disabled', 'high'],
  ['host.ssh.password-authentication-disabled', 'high'],
  ['host.ssh.permit-empty-passwords-disabled', 'critical'],
  ['host.ssh.x11-forwarding-disabled', 'low'],
  ['host.ssh.max-auth-tries', 'medium'],
  ['host.ssh.strong-ciphers', 'medium'],
  ['host.ssh.strong-macs', 'medium'],
  ['host.ssh.strong-kex', 'medium'],
  ['host.ssh.login-grace-time', 'low'],
  ['host.ssh.client-alive', 'low'],
  ['host.accounts.no-empty-passwords', 'critical'],
  ['host.accounts.single-uid-0', 'high'],
  ['host.kubelet.anonymous-auth-disabled', 'critical'],
  ['host.kubelet.authorization-webhook', 'high'],
  ['host.kubelet.read-only-port-disabled', 'high'],
  ['host.kubelet.config-file-permissions', 'medium'],
  ['host.pki.key-permissions', 'high'],
  ['host.pki.cert-expiry', 'high'],
  ['host.files.kubeconfig-permissions', 'medium'],
  ['host.files.static-pod-manifest-permissions', 'medium'],
];
const CLUSTER_CHECKS: [string, Severity, string][] = [
  ['k8s.rbac.cluster-admin', 'critical', 'ClusterRoleBinding'],
  ['k8s.rbac.secrets-read', 'high', 'ServiceAccount'],
  ['k8s.rbac.wildcard', 'high', 'ClusterRole'],
  ['k8s.rbac.pods-exec', 'high', 'Role'],
  ['k8s.rbac.escalate-bind-impersonate', 'critical', 'ClusterRole'],
  ['k8s.authz.anonymous-bindings', 'critical', 'ClusterRoleBinding'],
  ['k8s.netpol.default-deny-ingress', 'medium', 'Namespace'],
  ['k8s.netpol.default-deny-egress', 'low', 'Namespace'],
  ['k8s.netpol.exposed-nodeport', 'medium', 'Service'],
  ['k8s.netpol.unprotected-workload', 'medium', 'Deployment'],
  ['k8s.authn.service-account-automount', 'low', 'ServiceAccount'],
  ['k8s.tls.secret-cert-expiry', 'high', 'Secret'],
];

export interface SnapshotPairInfo {
  results: number;
  targets: number;
  previousBytes: number;
  currentBytes: number;
  waivers: number;
  previousFailing: number;
  currentFailing: number;
}

class Writer {
  private readonly fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0) return;
    const chunk = Buffer.from(this.buf.join(''));
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const header = (s: Omit<Snapshot, 'results' | 'carried'>) => JSON.stringify(s).slice(0, -1);

/** Writes `previous.json`, `current.json` and `waivers.json` under `dir`. */
export function writeSnapshotPair(results: number, seed: number, dir: string): SnapshotPairInfo {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(seed);
  // Mostly hosts (20 checks each), the rest from clusters (many resources per check).
  const hostResults = Math.round(results * 0.6);
  const hosts = Math.max(1, Math.round(hostResults / HOST_CHECKS.length));
  const clusters = Math.max(1, Math.round(results / 250_000));
  const clusterResults = results - hosts * HOST_CHECKS.length;
  const hostNames = Array.from({ length: hosts }, (_, i) => `i-0${(0x1000000 + i).toString(16)}${rng.hex(8)}`);
  const clusterNames = Array.from({ length: clusters }, (_, i) => `prod-eu-${i}`);
  const targets: TargetSummary[] = [
    ...hostNames.map((name) => ({ name, kind: 'host' as const, status: 'assessed' as const })),
    ...clusterNames.map((name) => ({ name, kind: 'cluster' as const, status: 'assessed' as const })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const checkIds = [...HOST_CHECKS.map((c) => c[0]), ...CLUSTER_CHECKS.map((c) => c[0])];
  const base = {
    schemaVersion: 1 as const,
    scope: 'prod',
    trigger: 'schedule' as const,
    tool: { name: 'compliance-bot', version: '0.1.0' },
    targets,
    checks: checkIds,
  };
  const prevStart = '2026-11-29T02:00:00.000Z';
  const curStart = '2026-11-30T02:00:00.000Z';
  const prev = new Writer(join(dir, 'previous.json'));
  const cur = new Writer(join(dir, 'current.json'));
  prev.write(
    `${header({ ...base, scanId: '20261129T020000Z-aaaaaa', startedAt: prevStart, finishedAt: '2026-11-29T02:09:12.000Z', previousSha256: null })},"results":[`,
  );
  cur.write(
    `${header({ ...base, scanId: '20261130T020000Z-bbbbbb', startedAt: curStart, finishedAt: '2026-11-30T02:08:57.000Z', previousSha256: 'f'.repeat(64) })},"results":[`,
  );
  const waivers: Waiver[] = [];
  let firstPrev = true;
  let firstCur = true;
  let previousFailing = 0;
  let currentFailing = 0;
  const put = (w: Writer, r: Result, first: boolean) => w.write(first ? JSON.stringify(r) : `,${JSON.stringify(r)}`);

  const status = (): Status => {
    const x = rng.next();
    return x < 0.8 ? 'pass' : x < 0.92 ? 'fail' : x < 0.97 ? 'unknown' : 'not-applicable';
  };
  const emit = (
    target: string,
    checkId: string,
    severity: Severity,
    kind: string,
    namespace: string | undefined,
    name: string,
  ) => {
    const resource = { kind, ...(namespace ? { namespace } : {}), name };
    const fp = fingerprint(checkId, target, resource);
    const before = status();
    // Churn between the two nights.
    const x = rng.next();
    let after: Status | 'gone' = before;
    if (x < 0.01) after = 'fail';
    else if (x < 0.02) after = 'pass';
    else if (x < 0.025) after = 'gone';
    else if (x < 0.027) after = 'unknown';
    const added = rng.chance(0.005);
    const where = namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
    const message = (s: Status) =>
      s === 'pass'
        ? `${where} on ${target} meets ${checkId}.`
        : s === 'fail'
          ? `${where} on ${target} fails ${checkId}: the setting is insecure.`
          : s === 'unknown'
            ? `Could not assess: ${target} did not answer the probe in time.`
            : `${where} does not exist on ${target}.`;
    const result = (s: Status, sev: Severity): Result => ({
      checkId,
      status: s,
      severity: sev,
      target,
      resource,
      message: message(s),
      ...(s === 'fail' || rng.chance(0.3)
        ? {
            evidence: {
              setting: checkId.split('.').pop(),
              seen: rng.pick(['yes', 'no', '0644', '0600', 'without-password']),
            },
          }
        : {}),
      fingerprint: fp,
    });
    if (!added) {
      const p = result(before, severity);
      if (before === 'fail') {
        p.firstSeen = rng.pick(['2026-09-01T02:00:00.000Z', '2026-10-15T02:00:00.000Z', '2026-11-28T02:00:00.000Z']);
        previousFailing++;
        if (rng.chance(0.01)) {
          const expired = rng.chance(0.3);
          const w: Waiver = {
            id: `w-${rng.hex(10)}`,
            fingerprint: fp,
            reason: 'Accepted risk: legacy node pool, replaced in Q1.',
            owner: 'platform@example.com',
            expires: expired ? '2026-11-29T12:00:00.000Z' : '2027-01-31T00:00:00.000Z',
            createdBy: 'U024BE7LH',
            createdAt: '2026-10-01T09:00:00.000Z',
            checkId,
            target,
          };
          waivers.push(w);
          p.waiver = { reason: w.reason, expires: w.expires, createdBy: w.createdBy };
        }
      }
      put(prev, p, firstPrev);
      firstPrev = false;
    }
    if (after !== 'gone') {
      const sev: Severity = after === 'fail' && before === 'fail' && rng.chance(0.01) ? 'critical' : severity;
      if (after === 'fail') currentFailing++;
      put(cur, result(after, sev), firstCur);
      firstCur = false;
    }
  };

  for (const host of hostNames)
    for (const [checkId, severity] of HOST_CHECKS) emit(host, checkId, severity, 'Host', undefined, host);
  for (let i = 0; i < clusterResults; i++) {
    const [checkId, severity, kind] = CLUSTER_CHECKS[i % CLUSTER_CHECKS.length];
    const cluster = clusterNames[i % clusters];
    const ns = `team-${Math.floor(i / 97) % 2000}`;
    emit(cluster, checkId, severity, kind, kind.startsWith('Cluster') ? undefined : ns, `${kind.toLowerCase()}-${i}`);
  }
  prev.write('],"carried":[]}');
  cur.write('],"carried":[]}');
  prev.close();
  cur.close();
  writeFileSync(join(dir, 'waivers.json'), JSON.stringify(waivers));
  return {
    results,
    targets: targets.length,
    previousBytes: prev.bytes,
    currentBytes: cur.bytes,
    waivers: waivers.length,
    previousFailing,
    currentFailing,
  };
}
