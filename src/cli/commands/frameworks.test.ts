import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../test/support/cli';
import type { JsonReport } from '../../report/json';

const DEMO = join(__dirname, '../../../examples/demo-cluster');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cb-frameworks-'));
  cpSync(DEMO, join(work, 'demo'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { cwd: work });

interface Counts {
  controls: number;
  automated: number;
  manual: number;
  notCovered: number;
  benchmarkAutomated: number;
  benchmarkAutomatedCovered: number;
}
interface CoverageJson {
  frameworks: {
    id: string;
    counts: Counts;
    sections: { id: string; title: string; counts: Counts }[];
    controls: { id: string; coverage: string; checks: string[]; guidance?: string }[];
  }[];
}

describe('compliance-bot frameworks', () => {
  it('lists every framework with its coverage, per section and control by control (json)', async () => {
    const out = await cli(['frameworks', '--format', 'json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as CoverageJson;
    expect(json.frameworks.map((f) => f.id)).toEqual([
      'cis-kubernetes-1.12',
      'cis-eks-1.8.0',
      'nsa-cisa-kubernetes-hardening-1.2',
      'cis-linux-dil-2.0.0',
    ]);
    for (const f of json.frameworks) {
      expect(f.counts.automated + f.counts.manual + f.counts.notCovered).toBe(f.counts.controls);
      expect(f.sections.reduce((n, s) => n + s.counts.controls, 0)).toBe(f.counts.controls);
      expect(f.controls).toHaveLength(f.counts.controls);
      expect(f.counts.benchmarkAutomatedCovered).toBeLessThanOrEqual(f.counts.benchmarkAutomated);
    }
    const cis = json.frameworks[0];
    expect(cis.controls.find((c) => c.id === '1.2.25')).toMatchObject({
      coverage: 'automated',
      checks: ['k8s.authn.client-ca'],
    });
    expect(cis.controls.find((c) => c.id === '5.4.2')).toMatchObject({ coverage: 'manual' });
  });

  it('shows one framework control by control in text, with the checks or the guidance', async () => {
    const out = await cli(['frameworks', '--framework', 'cis-kubernetes-1.12']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^CIS Kubernetes Benchmark 1\.12 \(cis-kubernetes-1\.12\)\n/);
    expect(out.stdout).toMatch(
      /1\.2\.25 +automated +Ensure that the --client-ca-file argument is set as appropriate\n +checks: k8s\.authn\.client-ca\n/,
    );
    expect(out.stdout).toMatch(/5\.4\.2 +manual +Consider external secret storage\n +by hand: /);
    expect(out.stdout).not.toMatch(/CIS Amazon EKS/);
  });

  it('renders markdown tables', async () => {
    const out = await cli(['frameworks', '--format', 'markdown']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\| Framework \| ID \| Controls \| Automated by us \| Manual \| Not covered \|\n/);
  });

  it('refuses an unknown framework with the IDs it knows (exit 2)', async () => {
    const out = await cli(['frameworks', '--framework', 'cis-kubernetes-9']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--framework "cis-kubernetes-9": no such framework; use one of cis-kubernetes-1\.12, /);
  });
});

describe('compliance-bot scan --framework', () => {
  it('adds each control of every framework asked for to the JSON report, consistent with the results', async () => {
    const out = await cli([
      'scan',
      '--manifests',
      join(work, 'demo'),
      '--no-store',
      '--quiet',
      '--format',
      'json',
      '--framework',
      'cis-kubernetes-1.12',
      '--framework',
      'nsa-cisa-kubernetes-hardening-1.2',
    ]);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'tool',
      'scan',
      'targets',
      'results',
      'diff',
      'summary',
      'frameworks',
    ]);
    const frameworks = report.frameworks ?? [];
    expect(frameworks.map((f) => f.id)).toEqual(['cis-kubernetes-1.12', 'nsa-cisa-kubernetes-hardening-1.2']);
    const byFp = new Map(report.results.map((r) => [r.fingerprint, r]));
    for (const f of frameworks) {
      expect(f.controls.length).toBe(f.counts.total);
      for (const c of f.controls) {
        const judging = report.results.filter((r) => c.checks.includes(r.checkId));
        for (const fp of c.failing) expect(byFp.get(fp)?.status).toBe('fail');
        if (c.status === 'pass')
          expect(judging.every((r) => r.status === 'pass' || r.status === 'not-applicable')).toBe(true);
        if (judging.some((r) => r.status === 'fail')) expect(c.status).toBe('fail');
      }
    }
    const cis = frameworks[0].controls;
    // A scan of manifests sees no host: the kubelet controls cannot pass.
    expect(cis.find((c) => c.id === '4.2.1')).toMatchObject({
      status: 'unknown',
      reasons: ['host.kubelet.anonymous-auth-disabled: no host target in this scan'],
    });
    expect(cis.find((c) => c.id === '5.4.2')).toMatchObject({ status: 'manual' });
    // The demo's scheduler serves profiling data (its default).
    expect(cis.find((c) => c.id === '1.4.1')).toMatchObject({ status: 'fail' });
    const nsa = frameworks[1].controls;
    expect(nsa.find((c) => c.id === 'Network separation and hardening: resource policies')).toMatchObject({
      status: 'not-covered',
    });
  });

  it('refuses an unknown framework before scanning (exit 2)', async () => {
    const out = await cli(['scan', '--manifests', join(work, 'demo'), '--no-store', '--quiet', '--framework', 'nope']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/--framework "nope": no such framework/);
  });

  it('adds a FRAMEWORK section to the text report, and a testsuite per framework to JUnit', async () => {
    const args = ['scan', '--manifests', join(work, 'demo'), '--no-store', '--quiet', '--framework', 'cis-eks-1.8.0'];
    const text = await cli(args);
    expect(text.stdout).toMatch(/\nFRAMEWORK CIS Amazon EKS Benchmark 1\.8\.0 \(cis-eks-1\.8\.0\)\n/);
    const junit = await cli([...args, '--format', 'junit']);
    expect(junit.stdout).toMatch(/<testsuite name="CIS Amazon EKS Benchmark 1\.8\.0" id="\d+" tests="50"/);
  });
});
