import type { Severity, Status } from '../core/model';
import { createMetrics, type EmfDocument, emfDocument, metricsOptionsFromEnv, scanMetrics } from './metrics';

const opts = { namespace: 'ComplianceBot', stage: 'prod', detail: 'scope' as const };
const r = (status: Status, severity: Severity, waived = false) => ({
  status,
  severity,
  ...(waived ? { waiver: {} } : {}),
});

function metricValue(docs: EmfDocument[], name: string, dims: Record<string, string>): number | undefined {
  const doc = docs.find(
    (d) =>
      d._aws.CloudWatchMetrics[0].Metrics.some((m) => m.Name === name) &&
      Object.entries(dims).every(([k, v]) => d[k] === v),
  );
  return doc?.[name] as number | undefined;
}

describe('Function: scanMetrics', () => {
  const input = {
    scope: 'local/cluster-prod',
    results: [
      r('pass', 'high'),
      r('fail', 'high'),
      r('fail', 'high', true),
      r('fail', 'critical'),
      r('unknown', 'low'),
    ],
    targets: [{ status: 'assessed' as const }, { status: 'unreachable' as const }, { status: 'partial' as const }],
    regressions: 2,
    resolved: 1,
    durationMs: 1234.6,
  };

  it('counts results by status and unwaived failures by severity, per scope', () => {
    const docs = scanMetrics(input, opts, 1_700_000_000_000);
    expect(metricValue(docs, 'Results', { Status: 'fail' })).toBe(3);
    expect(metricValue(docs, 'Results', { Status: 'pass' })).toBe(1);
    expect(metricValue(docs, 'Results', { Status: 'not-applicable' })).toBe(0);
    expect(metricValue(docs, 'FailedResults', { Severity: 'high' })).toBe(1);
    expect(metricValue(docs, 'FailedResults', { Severity: 'critical' })).toBe(1);
    expect(metricValue(docs, 'UnassessedTargets', { Scope: 'local/cluster-prod' })).toBe(2);
    expect(metricValue(docs, 'ScanDuration', {})).toBe(1235);
    for (const d of docs) {
      expect(d.Stage).toBe('prod');
      expect(d.Scope).toBe('local/cluster-prod');
      expect(d._aws.Timestamp).toBe(1_700_000_000_000);
    }
  });

  it('also publishes Regressions and UnassessedTargets by stage alone, for one alarm over every scope', () => {
    const docs = scanMetrics(input, opts, 0);
    const doc = docs.find((d) => 'UnassessedTargets' in d);
    expect(doc?._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Stage', 'Scope'], ['Stage']]);
    expect(doc?.Regressions).toBe(2);
  });

  it('drops the Scope dimension when the detail is "stage"', () => {
    const docs = scanMetrics(input, { ...opts, detail: 'stage' }, 0);
    for (const d of docs) {
      expect(d.Scope).toBeUndefined();
      for (const set of d._aws.CloudWatchMetrics[0].Dimensions) expect(set).not.toContain('Scope');
    }
  });

  it('names every dimension of every set in the document (CloudWatch drops documents that do not)', () => {
    for (const d of scanMetrics(input, opts, 0)) {
      for (const set of d._aws.CloudWatchMetrics[0].Dimensions) for (const k of set) expect(typeof d[k]).toBe('string');
      for (const m of d._aws.CloudWatchMetrics[0].Metrics) expect(Number.isFinite(d[m.Name])).toBe(true);
    }
  });
});

describe('Function: emfDocument', () => {
  it('rejects a dimension value with control characters', () => {
    expect(() => emfDocument('N', [['Scope']], { Scope: 'a\nb' }, [{ name: 'X', unit: 'Count', value: 1 }], 0)).toThrow(
      /invalid value/,
    );
  });

  it('rejects a value that is not a finite number', () => {
    expect(() => emfDocument('N', [[]], {}, [{ name: 'X', unit: 'Count', value: Number.NaN }], 0)).toThrow(/finite/);
  });
});

describe('Function: createMetrics', () => {
  it('writes one JSON line per document', () => {
    const lines: string[] = [];
    createMetrics(
      opts,
      (l) => lines.push(l),
      () => 5,
    ).scan({
      scope: 's',
      results: [],
      targets: [],
      regressions: 0,
      resolved: 0,
      durationMs: 1,
    });
    expect(lines).toHaveLength(11);
    for (const l of lines) expect(JSON.parse(l)._aws.Timestamp).toBe(5);
  });

  it('reads its settings from the Lambda environment', () => {
    expect(metricsOptionsFromEnv({ STAGE: 'dev', METRICS_DETAIL: 'stage' })).toEqual({
      namespace: 'ComplianceBot',
      stage: 'dev',
      detail: 'stage',
    });
  });
});
