/**
 * A CI gate never goes green because it saw nothing: a target that could not be assessed at all (a kubeconfig
 * pointing nowhere) fails the run with its own exit code unless --allow-unassessed; --fail-on-unknown also fails on
 * any result that could not be assessed.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../src/cli/errors';
import type { JsonReport } from '../../src/report/json';
import { type CliOutcome, runCli } from '../support/cli';

const DEMO = join(__dirname, '../../examples/demo-cluster');

/** Port 1 on the loopback: nothing listens, the connection is refused at once. */
const NOWHERE = `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: nowhere
  context: {cluster: nowhere, user: u}
current-context: nowhere
users:
- name: u
  user: {token: not-a-secret}
`;

function run(args: string[], cwd: string): Promise<CliOutcome> {
  return runCli(args, { cwd });
}

describe('CLI: compliance-bot scan, a target that could not be assessed', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cb-unassessed-'));
    writeFileSync(join(work, 'kubeconfig'), NOWHERE);
    cpSync(DEMO, join(work, 'demo'), { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const scan = (...extra: string[]) =>
    run(['scan', '--kubeconfig', 'kubeconfig', '--no-store', '--quiet', '--fail-on', 'high', ...extra], work);

  it('fails the run with exit code 4 and says so loudly in the text report and on stderr', async () => {
    const out = await scan();
    expect(EXIT.unassessed).toBe(4);
    expect(out.code).toBe(EXIT.unassessed);
    expect(out.stdout).toMatch(/\nNOT ASSESSED: 1 of 1 target\(s\) could not be assessed at all: nowhere \(cluster\)/);
    expect(out.stderr).toContain(
      'compliance-bot: NOT ASSESSED: nowhere (cluster): connection refused by https://127.0.0.1:1.',
    );
    expect(out.stderr).toContain('--allow-unassessed');
  });

  it('gives the same exit code with a machine-readable report, whose JSON stays clean', async () => {
    const out = await scan('--format', 'json');
    expect(out.code).toBe(EXIT.unassessed);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.targets).toEqual([expect.objectContaining({ name: 'nowhere', status: 'unreachable' })]);
  });

  it('passes with --allow-unassessed, still warning, when nothing else fails', async () => {
    const out = await scan('--allow-unassessed');
    expect(out.code).toBe(EXIT.ok);
    expect(out.stdout).toContain('NOT ASSESSED: 1 of 1 target(s)');
    expect(out.stderr).toContain('compliance-bot: warning: NOT ASSESSED: nowhere (cluster)');
  });

  it('fails on the unassessed target before the findings of the assessed one', async () => {
    const out = await scan('--manifests', 'demo');
    expect(out.code).toBe(EXIT.unassessed);
    expect(out.stdout).toContain('NOT ASSESSED: 1 of 2 target(s) could not be assessed at all: nowhere (cluster)');
    const allowed = await scan('--manifests', 'demo', '--allow-unassessed');
    expect(allowed.code).toBe(EXIT.findings);
  });

  it('leaves a fully assessed run alone, and --fail-on-unknown fails one with any unknown result', async () => {
    const clean = await run(['scan', '--manifests', 'demo', '--no-store', '--quiet', '--checks', 'k8s.rbac.*'], work);
    expect(clean.code).toBe(EXIT.ok);
    expect(clean.stdout).not.toContain('NOT ASSESSED');

    const strict = await run(['scan', '--manifests', 'demo', '--no-store', '--quiet', '--fail-on-unknown'], work);
    const report = await run(['scan', '--manifests', 'demo', '--no-store', '--quiet', '--format', 'json'], work);
    const unknown = (JSON.parse(report.stdout) as JsonReport).results.filter((r) => r.status === 'unknown').length;
    expect(unknown).toBeGreaterThan(0);
    expect(strict.code).toBe(EXIT.unassessed);
    expect(strict.stderr).toContain(`compliance-bot: ${unknown} result(s) could not be assessed (--fail-on-unknown)`);
  });

  it('refuses --fail-on-unknown with --allow-unassessed', async () => {
    const out = await scan('--fail-on-unknown', '--allow-unassessed');
    expect(out.code).toBe(EXIT.usage);
    expect(out.stderr).toBe(
      'compliance-bot scan: --fail-on-unknown and --allow-unassessed contradict each other: give one\n',
    );
  });
});
