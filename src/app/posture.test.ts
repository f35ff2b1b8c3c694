import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result, snapshot } from '../../test/slack/fixtures';
import { runCli } from '../../test/support/cli';
import { configSchema } from '../config/schema';
import type { StatusCounts } from '../core/frameworks/status';
import type { JsonReport } from '../report/json';
import { openStores } from '../store/open';
import { summaryPostureFor } from './posture';

const DEMO = join(__dirname, '../../examples/demo-cluster');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cb-posture-'));
  cpSync(DEMO, join(work, 'demo'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sumSections(report: NonNullable<JsonReport['frameworks']>[number], ids: readonly string[]): StatusCounts {
  const out: Record<string, number> = {};
  for (const s of report.sections.filter((x) => ids.includes(x.id))) {
    for (const [k, v] of Object.entries(s.counts)) out[k] = (out[k] ?? 0) + v;
  }
  return out as StatusCounts;
}

describe('Function: summaryPostureFor', () => {
  it('stores the counts `scan --framework` reports for the same results (one derivation)', async () => {
    const store = join(work, 'store');
    const out = await runCli(
      [
        'scan',
        '--manifests',
        join(work, 'demo'),
        '--store',
        store,
        '--quiet',
        '--format',
        'json',
        '--framework',
        'cis-kubernetes-1.12',
        '--framework',
        'nsa-cisa-kubernetes-hardening-1.2',
      ],
      { cwd: work },
    );
    const report = JSON.parse(out.stdout) as JsonReport;
    const frameworks = report.frameworks ?? [];
    const stores = openStores(
      { type: 'local', dir: store },
      {
        onProblem: (p) => {
          throw new Error(p.problem);
        },
      },
    );
    const [scope] = await stores.snapshots.scopes();
    const [summary] = await stores.snapshots.history(scope);
    // A cluster scope: the defaults of a cluster, without the sections only host checks judge.
    expect(summary.frameworks?.map((f) => f.id)).toEqual(frameworks.map((f) => f.id));
    // CIS Kubernetes without the sections only host checks judge; NSA/CISA whole (no such section).
    expect(summary.frameworks?.map((f) => f.sections === undefined)).toEqual([false, true]);
    for (const [i, posture] of (summary.frameworks ?? []).entries()) {
      const counted = posture.sections ?? frameworks[i].sections.map((s) => s.id);
      expect(posture.counts).toEqual(posture.sections ? sumSections(frameworks[i], counted) : frameworks[i].counts);
      expect(posture.failing).toEqual(
        frameworks[i].controls.filter((c) => c.status === 'fail' && counted.includes(c.section)).map((c) => c.id),
      );
    }
    // The demo's scheduler serves profiling data: a failing control the digest names.
    expect(summary.frameworks?.[0].failing).toContain('1.4.1');
  });

  it('records the frameworks schedules.digest.frameworks names, and the EKS benchmark for EKS scopes', async () => {
    const config = configSchema.parse({
      clusters: [{ name: 'prod', eks: { name: 'prod', region: 'eu-west-1' } }],
      hostGroups: [{ name: 'nodes', ssm: { tags: { role: ['node'] }, cluster: 'prod' } }],
    });
    const posture = summaryPostureFor(config);
    const cluster = snapshot({
      scope: 'cluster/prod',
      targets: [{ name: 'prod', kind: 'cluster', status: 'assessed' }],
    });
    const hosts = snapshot({ scope: 'hosts/nodes', targets: [{ name: 'n1', kind: 'host', status: 'assessed' }] });
    expect(posture(cluster).map((p) => p.id)).toEqual([
      'cis-kubernetes-1.12',
      'cis-eks-1.8.0',
      'nsa-cisa-kubernetes-hardening-1.2',
    ]);
    expect(posture(hosts).map((p) => p.id)).toEqual(['cis-kubernetes-1.12', 'cis-eks-1.8.0', 'cis-linux-dil-2.0.0']);
    const named = configSchema.parse({
      scope: 'prod',
      schedules: { digest: { cron: 'cron(0 8 ? * MON *)', frameworks: ['cis-linux-dil-2.0.0'] } },
    });
    expect(summaryPostureFor(named)(hosts).map((p) => p.id)).toEqual(['cis-linux-dil-2.0.0']);
    // A framework the scope's targets cannot judge is not recorded for it.
    expect(summaryPostureFor(named)(cluster)).toEqual([]);
    expect(summaryPostureFor(named)({ ...hosts, results: [result(1, { target: 'n1' })] })).toHaveLength(1);
  });

  it('refuses a framework the data does not have, with the IDs it has', () => {
    const parsed = configSchema.safeParse({
      schedules: { digest: { cron: 'cron(0 8 ? * MON *)', frameworks: ['cis-kubernetes-9'] } },
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0];
    expect(issue.path).toEqual(['schedules', 'digest', 'frameworks', 0]);
    expect(issue.message).toMatch(
      /^no such framework "cis-kubernetes-9": use one of cis-kubernetes-1\.12, cis-eks-1\.8\.0, .* \(compliance-bot frameworks lists them\)$/,
    );
  });
});
