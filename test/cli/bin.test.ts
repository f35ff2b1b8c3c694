/**
 * The real command, as `npm start` runs it: bin/compliance-bot.js runs the build of the CLI (bin/build-cli.js) and
 * scans the embedded defaults (this machine and, with no kubeconfig, the demo cluster) into a fresh folder, twice.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/report/json';

const BIN = join(__dirname, '../../bin/compliance-bot.js');

describe('CLI: bin/compliance-bot.js', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'cb-bin-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const scan = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'scan', ...args], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('scans this machine and the demo cluster on a fresh machine, then reports no regressions on the second run', () => {
    const first = scan('--format', 'json');
    expect(first.stderr).toMatch(/collecting/);
    const report = JSON.parse(first.stdout) as JsonReport;
    expect(report.targets.map((t) => [t.name, t.kind])).toEqual(
      expect.arrayContaining([
        [hostname(), 'host'],
        ['demo-cluster', 'cluster'],
      ]),
    );
    expect(report.results.some((r) => r.checkId.startsWith('host.ssh.') && r.target === hostname())).toBe(true);
    expect(report.results.some((r) => r.checkId === 'k8s.rbac.cluster-admin' && r.status === 'fail')).toBe(true);
    expect([0, 1]).toContain(first.status);

    const second = scan('--format', 'json');
    const again = JSON.parse(second.stdout) as JsonReport;
    expect(again.diff?.baseline).toBe(false);
    expect(again.diff?.regressions).toEqual([]);
  });

  it('prints a readable text report with the summary line', () => {
    const out = scan('--no-store', '--no-host');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/demo-cluster/);
    expect(out.stdout).toMatch(/critical|high/);
  });
});
