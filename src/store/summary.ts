import { z } from 'zod';
import { CONTROL_STATUSES } from '../core/frameworks/status';
import {
  type Result,
  SEVERITIES,
  type Severity,
  type Snapshot,
  STATUSES,
  type Status,
  severityRank,
  type TargetStatus,
} from '../core/model';
import type { SummaryPosture } from '../core/posture';
import { decodeJson } from './codec';
import { type OpenFinding, type SnapshotSummary, type StatusCounts, StoreError } from './types';

function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function bump(map: Record<string, StatusCounts>, key: string, status: Status): void {
  let counts = map[key];
  if (!counts) {
    counts = emptyCounts();
    map[key] = counts;
  }
  counts[status]++;
}

function openFinding(r: Result, carried: boolean): OpenFinding {
  return {
    fingerprint: r.fingerprint,
    checkId: r.checkId,
    severity: r.severity,
    target: r.target,
    resource: r.resource,
    ...(r.firstSeen ? { firstSeen: r.firstSeen } : {}),
    ...(r.waiver ? { waivedUntil: r.waiver.expires } : {}),
    ...(carried ? { carried: true } : {}),
  };
}

/**
 * Builds the summary stored beside a snapshot. Pure. With `posture`, it keeps the control counts per framework
 * (src/core/posture.ts); without, they are not recorded (`frameworks` absent, which the digest never reads as zero).
 */
export function summarize(snapshot: Snapshot, key: string, sha256: string, posture?: SummaryPosture): SnapshotSummary {
  const totals = emptyCounts();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, emptyCounts()])) as Record<Severity, StatusCounts>;
  const byCheck: Record<string, StatusCounts> = {};
  const byTarget: Record<string, StatusCounts> = {};
  const open: OpenFinding[] = [];
  for (const r of snapshot.results) {
    totals[r.status]++;
    bySeverity[r.severity][r.status]++;
    bump(byCheck, r.checkId, r.status);
    bump(byTarget, r.target, r.status);
    if (r.status === 'fail') open.push(openFinding(r, false));
  }
  const failingNow = new Set(open.map((o) => o.fingerprint));
  for (const r of snapshot.carried) if (!failingNow.has(r.fingerprint)) open.push(openFinding(r, true));
  open.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      a.target.localeCompare(b.target) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
  const targets: Record<TargetStatus, number> = { assessed: 0, partial: 0, unreachable: 0 };
  for (const t of snapshot.targets) targets[t.status]++;
  return {
    summaryVersion: 1,
    key,
    sha256,
    previousSha256: snapshot.previousSha256,
    scanId: snapshot.scanId,
    scope: snapshot.scope,
    startedAt: snapshot.startedAt,
    finishedAt: snapshot.finishedAt,
    trigger: snapshot.trigger,
    targets,
    totals,
    bySeverity,
    byCheck: sortKeys(byCheck),
    byTarget: sortKeys(byTarget),
    open,
    ...(posture ? { frameworks: posture(snapshot) } : {}),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function encodeSummary(summary: SnapshotSummary): Buffer {
  return Buffer.from(`${JSON.stringify(summary)}\n`, 'utf8');
}

const counts = z.object(
  Object.fromEntries(STATUSES.map((s) => [s, z.number().int().min(0)])) as Record<Status, z.ZodNumber>,
);

const count = z.number().int().min(0);
const controlCounts = z.object({
  total: count,
  ...(Object.fromEntries(CONTROL_STATUSES.map((s) => [s, count])) as Record<
    (typeof CONTROL_STATUSES)[number],
    typeof count
  >),
});

const summarySchema = z.looseObject({
  summaryVersion: z.literal(1),
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  previousSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  scanId: z.string(),
  scope: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  trigger: z.string(),
  targets: z.looseObject({ assessed: z.number(), partial: z.number(), unreachable: z.number() }),
  totals: counts,
  bySeverity: z.record(z.enum(SEVERITIES), counts),
  byCheck: z.record(z.string(), counts),
  byTarget: z.record(z.string(), counts),
  open: z.array(
    z.looseObject({
      fingerprint: z.string(),
      checkId: z.string(),
      severity: z.enum(SEVERITIES),
      target: z.string(),
      resource: z.looseObject({ kind: z.string(), name: z.string(), namespace: z.string().optional() }),
    }),
  ),
  frameworks: z
    .array(
      z.looseObject({
        id: z.string(),
        sections: z.array(z.string()).optional(),
        data: z.string().regex(/^[0-9a-f]{12}$/),
        counts: controlCounts,
        failing: z.array(z.string()),
      }),
    )
    .optional(),
});

/** Parses a stored summary; throws a StoreError naming the key when it is not one. */
export function decodeSummary(bytes: Uint8Array, key: string): SnapshotSummary {
  const value = decodeJson(bytes, key, false);
  const version = (value as { summaryVersion?: unknown } | null)?.summaryVersion;
  if (typeof version === 'number' && version > 1) {
    throw new StoreError(`${key}: written by a newer compliance-bot (summary version ${version})`, key);
  }
  const parsed = summarySchema.safeParse(value);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new StoreError(
      `${key}: not a valid snapshot summary: ${i.path.join('.') || '(top level)'}: ${i.message}`,
      key,
    );
  }
  return value as SnapshotSummary;
}
