/**
 * A stored week for the digest's posture per framework: a cluster scope whose cluster-admin binding appears during
 * the week, a host group whose idle-timeout check could not be assessed at the end, and a scope whose summaries
 * were written without control counts.
 */
import { checks } from '../../checks';
import { frameworkStatus } from '../../src/core/frameworks/status';
import type { Result, Snapshot, Status, TargetKind } from '../../src/core/model';
import type { Stores } from '../../src/store/open';
import { result, snapshot } from '../slack/fixtures';

/** Monday 08:00 in Berlin: the digest's run. */
export const NOW = new Date('2026-11-30T07:00:00.000Z');
export const TIME_ZONE = 'Europe/Berlin';

const ALL = checks.map((c) => c.id);

function scan(
  scope: string,
  target: { name: string; kind: TargetKind },
  startedAt: string,
  statuses: Record<string, Status> = {},
): Snapshot {
  const results: Result[] = checks
    .filter((c) => c.targetKind === target.kind)
    .map((c, i) => {
      const status = statuses[c.id] ?? 'pass';
      return {
        ...result(i, { checkId: c.id, target: target.name, resource: { kind: 'Target', name: target.name } }),
        status,
        message: status === 'unknown' ? 'Could not assess: sshd -T did not answer.' : `${c.id} ${status}`,
      };
    });
  const stamp = startedAt.replace(/[-:]/g, '').slice(0, 15);
  return snapshot({
    scope,
    scanId: `${stamp}Z-${target.name.slice(0, 6)}`,
    startedAt,
    finishedAt: startedAt,
    targets: [{ ...target, status: 'assessed' }],
    checks: ALL,
    results,
  });
}

export const CLUSTER = { scope: 'cluster/prod-eu', target: { name: 'prod-eu', kind: 'cluster' as const } };
export const HOSTS = { scope: 'hosts/workers', target: { name: 'node-1', kind: 'host' as const } };
export const LEGACY = { scope: 'cluster/legacy', target: { name: 'legacy', kind: 'cluster' as const } };

/** The last scan of each scope, to compare the digest's numbers with the status derivation's. */
export interface StoredWeek {
  lastCluster: Snapshot;
  lastHosts: Snapshot;
}

/**
 * Saves the week: `stores` writes control counts, `plain` (the same folder) does not. The baseline scans run on
 * Sunday the 22nd and Monday the 23rd (before the period's first day in Berlin, the 24th).
 */
export async function storeWeek(stores: Stores, plain: Stores): Promise<StoredWeek> {
  const save = async (s: Stores, snap: Snapshot) => {
    await s.snapshots.save(snap);
    return snap;
  };
  await save(stores, scan(CLUSTER.scope, CLUSTER.target, '2026-11-22T01:00:00.000Z'));
  await save(stores, scan(CLUSTER.scope, CLUSTER.target, '2026-11-23T01:00:00.000Z'));
  await save(stores, scan(CLUSTER.scope, CLUSTER.target, '2026-11-25T01:00:00.000Z'));
  const lastCluster = await save(
    stores,
    scan(CLUSTER.scope, CLUSTER.target, '2026-11-29T23:30:00.000Z', { 'k8s.rbac.cluster-admin': 'fail' }),
  );
  await save(stores, scan(HOSTS.scope, HOSTS.target, '2026-11-23T01:00:00.000Z'));
  const lastHosts = await save(
    stores,
    scan(HOSTS.scope, HOSTS.target, '2026-11-29T01:00:00.000Z', { 'host.ssh.client-alive-interval': 'unknown' }),
  );
  await save(plain, scan(LEGACY.scope, LEGACY.target, '2026-11-28T01:00:00.000Z'));
  return { lastCluster, lastHosts };
}

/** The status derivation's counts of one framework over some of its sections, for the expected lines. */
export function derivedCounts(snap: Snapshot, framework: Parameters<typeof frameworkStatus>[0], sections?: string[]) {
  const status = frameworkStatus(framework, { snapshot: snap, checks });
  const controls = status.controls.filter((c) => sections === undefined || sections.includes(c.section));
  const n = (s: string) => controls.filter((c) => c.status === s).length;
  return { pass: n('pass'), fail: n('fail'), unknown: n('unknown'), na: n('not-applicable') };
}
