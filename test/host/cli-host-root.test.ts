/**
 * The demand, through the real command: `compliance-bot scan --host-root DIR --no-store --format json` gives
 * a result for every host.* check of a fixture root.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostChecks } from '../../checks/host';
import type { JsonReport } from '../../src/report/json';

const BIN = join(__dirname, '../../bin/compliance-bot.js');
const ROOT = join(__dirname, 'roots', 'node-a');

describe('CLI: compliance-bot scan --host-root', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'cb-host-cli-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('gives a result for every host check of the demo root, and fails its root-login Match block', () => {
    const out = spawnSync(process.execPath, [BIN, 'scan', '--host-root', ROOT, '--no-store', '--format', 'json'], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(out.stderr).toMatch(/running the host probe on node-a/);
    const report = JSON.parse(out.stdout) as JsonReport;
    expect(report.targets).toEqual([expect.objectContaining({ name: 'node-a', kind: 'host', status: 'assessed' })]);
    for (const check of hostChecks) {
      expect([check.id, report.results.some((r) => r.checkId === check.id)]).toEqual([check.id, true]);
    }
    const hostResults = report.results.filter((r) => r.checkId.startsWith('host.'));
    expect(hostResults.filter((r) => r.status === 'unknown')).toEqual([]);
    const rootLogin = report.results.find((r) => r.checkId === 'host.ssh.root-login-disabled');
    expect(rootLogin).toMatchObject({ status: 'fail', target: 'node-a' });
    expect(rootLogin?.message).toContain('Match Address 10.20.0.0/16');
    expect(out.status).toBe(0);
  });
});
