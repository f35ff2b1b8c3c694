/**
 * CloudWatch metrics in embedded metric format (EMF): JSON log lines that CloudWatch Logs turns into metrics, with no
 * API call and no extra permission. One scan of one scope gives:
 *   Results            by Status    (pass, fail, unknown, not-applicable)
 *   FailedResults      by Severity  (critical … info; waived failures excluded)
 *   Regressions, Resolved, UnassessedTargets, Targets, ScanDuration (ms)
 * with dimensions [Stage, Scope, …] (detail `scope`) or [Stage, …] (detail `stage`, for fleets where a metric per
 * scope would cost more than it tells), and always [Stage] for Regressions and UnassessedTargets so one alarm covers
 * every scope. The scope is the snapshot series (a cluster or a host group), never a single host: a metric per host
 * would be 14,000 custom metrics at 1,000 nodes.
 */
import { SEVERITIES, type Severity, STATUSES, type Status } from '../core/model';

export type MetricUnit = 'Count' | 'Milliseconds';

export interface MetricValue {
  name: string;
  unit: MetricUnit;
  value: number;
}

/** One EMF document: the `_aws` metadata and the dimension and metric values as top-level members. */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: MetricUnit }[] }[];
  };
  [member: string]: unknown;
}

const DIMENSION_VALUE = /^[\x20-\x7e]{1,1024}$/;

/** Builds one EMF document; dimension values must be printable ASCII (CloudWatch's rule), metric values finite. */
export function emfDocument(
  namespace: string,
  dimensionSets: string[][],
  dimensions: Record<string, string>,
  metrics: readonly MetricValue[],
  timestamp: number,
): EmfDocument {
  if (metrics.length === 0 || metrics.length > 100) throw new Error('an EMF document holds 1 to 100 metrics');
  for (const set of dimensionSets) {
    if (set.length > 30) throw new Error('an EMF dimension set holds at most 30 dimensions');
    for (const d of set) {
      const v = dimensions[d];
      if (v === undefined) throw new Error(`dimension ${d} has no value`);
      if (!DIMENSION_VALUE.test(v)) throw new Error(`dimension ${d} has an invalid value`);
    }
  }
  const doc: EmfDocument = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: dimensionSets,
          Metrics: metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    ...dimensions,
  };
  for (const m of metrics) {
    if (!Number.isFinite(m.value)) throw new Error(`metric ${m.name} is not a finite number`);
    if (m.name in dimensions) throw new Error(`metric ${m.name} collides with a dimension`);
    doc[m.name] = m.value;
  }
  return doc;
}

export interface ScanMetricsInput {
  scope: string;
  results: readonly { status: Status; severity: Severity; waiver?: unknown }[];
  targets: readonly { status: 'assessed' | 'partial' | 'unreachable' }[];
  regressions: number;
  resolved: number;
  durationMs: number;
}

export interface MetricsOptions {
  namespace: string;
  stage: string;
  detail: 'scope' | 'stage';
}

/** The EMF documents of one scan of one scope. */
export function scanMetrics(input: ScanMetricsInput, opts: MetricsOptions, timestamp: number): EmfDocument[] {
  const base: Record<string, string> = { Stage: opts.stage };
  const withScope = opts.detail === 'scope';
  if (withScope) base.Scope = input.scope;
  const key = withScope ? ['Stage', 'Scope'] : ['Stage'];
  const docs: EmfDocument[] = [];

  for (const status of STATUSES) {
    const value = input.results.filter((r) => r.status === status).length;
    docs.push(
      emfDocument(
        opts.namespace,
        [[...key, 'Status']],
        { ...base, Status: status },
        [{ name: 'Results', unit: 'Count', value }],
        timestamp,
      ),
    );
  }
  for (const severity of SEVERITIES) {
    const value = input.results.filter((r) => r.status === 'fail' && !r.waiver && r.severity === severity).length;
    docs.push(
      emfDocument(
        opts.namespace,
        [[...key, 'Severity']],
        { ...base, Severity: severity },
        [{ name: 'FailedResults', unit: 'Count', value }],
        timestamp,
      ),
    );
  }
  const unassessed = input.targets.filter((t) => t.status !== 'assessed').length;
  docs.push(
    emfDocument(
      opts.namespace,
      withScope ? [key, ['Stage']] : [key],
      base,
      [
        { name: 'Regressions', unit: 'Count', value: input.regressions },
        { name: 'UnassessedTargets', unit: 'Count', value: unassessed },
      ],
      timestamp,
    ),
  );
  docs.push(
    emfDocument(
      opts.namespace,
      [key],
      base,
      [
        { name: 'Resolved', unit: 'Count', value: input.resolved },
        { name: 'Targets', unit: 'Count', value: input.targets.length },
        { name: 'ScanDuration', unit: 'Milliseconds', value: Math.max(0, Math.round(input.durationMs)) },
      ],
      timestamp,
    ),
  );
  return docs;
}

export interface Metrics {
  /** Writes the metrics of one scan of one scope. */
  scan(input: ScanMetricsInput): void;
}

/** Writes EMF documents as log lines (stdout in Lambda: CloudWatch Logs extracts the metrics). */
export function createMetrics(
  opts: MetricsOptions,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  clock: () => number = Date.now,
): Metrics {
  return {
    scan(input) {
      for (const doc of scanMetrics(input, opts, clock())) write(JSON.stringify(doc));
    },
  };
}

/** Metrics settings from the Lambda environment (METRICS_NAMESPACE, STAGE, METRICS_DETAIL). */
export function metricsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsOptions {
  return {
    namespace: env.METRICS_NAMESPACE || 'ComplianceBot',
    stage: env.STAGE || 'dev',
    detail: env.METRICS_DETAIL === 'stage' ? 'stage' : 'scope',
  };
}
