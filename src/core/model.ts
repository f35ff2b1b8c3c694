/**
 * The product's contracts in types: checks, results, targets, snapshots, diffs, waivers (docs/architecture.md).
 * Pure: no SDK, no environment, no I/O.
 */
import type { FactMap } from './facts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse: critical 4 … info 0. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

export const STATUSES = ['pass', 'fail', 'unknown', 'not-applicable'] as const;
export type Status = (typeof STATUSES)[number];

export const CATEGORIES = [
  'host',
  'ec2',
  'authn',
  'authz',
  'rbac',
  'tls',
  'netpol',
  'workload',
  'controlplane',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const TARGET_KINDS = ['host', 'cluster'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const FRAMEWORKS = [
  'CIS Kubernetes Benchmark',
  'CIS Distribution Independent Linux',
  'NSA/CISA Kubernetes Hardening Guide',
  'CIS Amazon EKS Benchmark',
] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface BenchmarkRef {
  framework: Framework;
  version: string;
  control: string;
}

/** What a result is about: a Kubernetes object, a host, a user, a file, a certificate… */
export interface ResourceRef {
  kind: string;
  namespace?: string;
  name: string;
}

export type Evidence = Record<string, unknown>;

/**
 * Where a resource was read in the scanned input: a path relative to the input's root, with forward slashes, and
 * the line its object starts on when the format gives one. Reports link a finding to it (SARIF physical locations).
 */
export interface SourcePosition {
  file: string;
  line?: number;
}

/** One outcome of one check on one resource of one target. */
export interface Result {
  checkId: string;
  status: Status;
  severity: Severity;
  target: string;
  resource: ResourceRef;
  message: string;
  evidence?: Evidence;
  fingerprint: string;
  /** When this finding was first seen failing (set by the diff; carried from snapshot to snapshot). */
  firstSeen?: string;
  /** The waiver that covers this failing result at scan time, if any. */
  waiver?: WaiverRef;
  /** Where the resource was read, when the target was read from files (manifests). */
  source?: SourcePosition;
}

/** What a check's evaluate() returns; the engine adds checkId, target, default severity and the fingerprint. */
export interface Finding {
  status: Status;
  resource: ResourceRef;
  message: string;
  evidence?: Evidence;
  /** Overrides the check's severity for this finding (for example a certificate that expires in 3 days). */
  severity?: Severity;
}

export type FactKey = keyof FactMap & string;

/** A fact is collected or it is not, with the reason: never silence. */
export type Fact<T> = { ok: true; value: T } | { ok: false; reason: string };

export type FactSet = { [K in FactKey]?: Fact<FactMap[K]> };

/**
 * The names one machine goes by: its EC2 instance, its SSM managed instance and the Kubernetes Node it backs
 * (joined by the Node's providerID, `aws:///ZONE/i-…`). The target's name stays the instance ID, so fingerprints do
 * not depend on whether the join succeeded (docs/host.md, "One identity for a machine").
 */
export interface MachineIdentity {
  instanceId?: string;
  managedInstanceId?: string;
  nodeName?: string;
}

export interface TargetInfo {
  name: string;
  kind: TargetKind;
  /** Other names of a host target (instance, managed instance, Node). */
  identity?: MachineIdentity;
}

/** Everything collected from one target: the input of evaluate(). */
export interface TargetFacts {
  target: TargetInfo;
  facts: FactSet;
  /**
   * Input the collector could not read (a manifest that does not parse, a folder it may not list): the target is
   * partial and its reason names them. The facts such input feeds are `{ok:false}` as well.
   */
  inputErrors?: string[];
  /** Where each resource was read, for targets read from files: the engine gives each result its resource's. */
  sources?: { resource: ResourceRef; source: SourcePosition }[];
}

/** The values of a check's required facts, all collected. */
export type FactValues<K extends FactKey> = { [P in K]: FactMap[P] };

export interface CheckContext<K extends FactKey> {
  target: TargetInfo;
  facts: FactValues<K>;
  /** Facts the check did not require but may use when present (for example both a flag and a live probe). */
  optional: FactSet;
  /** Scan time, so a check never reads the clock. */
  now: Date;
  options: CheckOptions;
  /**
   * The IDs of the checks evaluated in this scan. A check may leave a finding to another check (not-applicable,
   * "reported under …") only when that check is in this set: never to one that did not run.
   */
  checksInScan: ReadonlySet<string>;
}

/** Settings that change what checks consider (from the configuration). */
export interface CheckOptions {
  excludedNamespaces: string[];
  /**
   * Leave out the bindings Kubernetes, kubeadm and EKS create, recognised by exact identity (name, roleRef and
   * subjects together: src/core/rbac/builtin.ts), never by label or name prefix.
   */
  excludeSystemRbac: boolean;
  /** Days before certificate expiry at which findings become high and critical. */
  certExpiryDays: { high: number; critical: number };
  /** The oldest SSM agent version accepted on a node (dotted numbers, `3.2.0.0`); DEFAULT_SSM_AGENT_MIN_VERSION when absent. */
  ssmAgentMinVersion?: string;
  /** NetworkPolicy reachability (docs/netpol.md, "Checks on reachability"); absent: the defaults. */
  reach?: ReachCheckOptions;
}

/** The oldest SSM agent version accepted when the configuration names none (checks.ssmAgentMinVersion). */
export const DEFAULT_SSM_AGENT_MIN_VERSION = '3.2.0.0';

export interface ReachCheckOptions {
  /** Ports a workload is meant to serve to the internet, by `namespace/name` or `namespace/*`: `["TCP/443"]`. */
  intendedPorts: Record<string, string[]>;
  /** Namespaces that only the listed namespaces (and their own workloads) may reach. */
  sensitiveNamespaces: { namespace: string; allowFrom: string[] }[];
  /** Whether ipBlocks match pod traffic too, and the pod ranges when known (docs/netpol.md, "ipBlock"). */
  ipBlockMatchesPods: boolean;
  podCidrs: string[];
}

export const DEFAULT_REACH_OPTIONS: ReachCheckOptions = {
  intendedPorts: {},
  sensitiveNamespaces: [],
  ipBlockMatchesPods: false,
  podCidrs: [],
};

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  excludedNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  excludeSystemRbac: true,
  certExpiryDays: { high: 30, critical: 7 },
};

export interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  targetKind: TargetKind;
  benchmarks: BenchmarkRef[];
  remediation: string;
  /** Old IDs that still refer to this check. */
  aliases?: string[];
}

export interface Check<K extends FactKey = FactKey> extends CheckMeta {
  requires: readonly K[];
  /** Facts used when present; their absence never makes the check unknown by itself. */
  uses?: readonly FactKey[];
  evaluate(ctx: CheckContext<K>): Finding[];
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds checks of every fact signature
export type AnyCheck = Check<any>;

export type TargetStatus = 'assessed' | 'partial' | 'unreachable';

export interface TargetSummary {
  name: string;
  kind: TargetKind;
  status: TargetStatus;
  reason?: string;
  /** Other names of a host target (instance, managed instance, Node). */
  identity?: MachineIdentity;
}

export type Trigger = 'schedule' | 'slack' | 'cli' | 'test';

export interface Snapshot {
  schemaVersion: 1;
  scanId: string;
  scope: string;
  startedAt: string;
  finishedAt: string;
  trigger: Trigger;
  tool: { name: string; version: string };
  targets: TargetSummary[];
  /** Checks that were evaluated (so a diff knows what a missing result means). */
  checks: string[];
  results: Result[];
  /** Failing findings of the baseline that could not be assessed in this scan, carried forward unchanged. */
  carried: Result[];
  /** sha256 (hex) of the stored bytes of the previous snapshot of this scope, or null for the first. */
  previousSha256: string | null;
}

export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * What a pattern waiver covers: every failing result of one check on one target whose resource matches a glob
 * (`*` any run of characters, `?` one character) over `namespace/name` (namespaced) or `name` (cluster-scoped).
 */
export interface WaiverMatch {
  checkId: string;
  target: string;
  resource: string;
  /** Only resources of this kind (default: any kind). */
  kind?: string;
}

/** The fingerprint of a waiver that names a pattern (`match`) rather than one finding. */
export const PATTERN_WAIVER_FINGERPRINT = '*';

export interface Waiver {
  /** Assigned by the waiver store when the waiver is added (`w-` and 10 hex characters). */
  id?: string;
  /** The waived finding's fingerprint, or PATTERN_WAIVER_FINGERPRINT (`*`) for a pattern waiver (see `match`). */
  fingerprint: string;
  /** A pattern waiver: findings matching this are waived (fingerprint is `*`). */
  match?: WaiverMatch;
  reason: string;
  /** Who is accountable for the accepted risk (defaults to createdBy). */
  owner?: string;
  /** A ticket or link tracking the fix. */
  ticket?: string;
  /** ISO date-time. */
  expires: string;
  createdBy: string;
  createdAt: string;
  checkId?: string;
  target?: string;
}

export type WaiverRef = Pick<Waiver, 'reason' | 'expires' | 'createdBy'>;

export type RegressionReason = 'new' | 'severity-raised' | 'waiver-expired';
export type ResolvedReason = 'passed' | 'gone';

export interface Regression {
  result: Result;
  reason: RegressionReason;
  previous?: Result;
}

export interface Resolution {
  previous: Result;
  reason: ResolvedReason;
  current?: Result;
}

export interface Unassessed {
  previous: Result;
  reason: string;
}

export interface Diff {
  /** True when there was no previous snapshot of the scope: everything is new, nothing is posted finding by finding. */
  baseline: boolean;
  previousScanId: string | null;
  regressions: Regression[];
  resolved: Resolution[];
  unchanged: Result[];
  unassessed: Unassessed[];
  waived: Result[];
}
