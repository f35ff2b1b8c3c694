/**
 * The demo (`npm start`: `compliance-bot scan` with no configuration) on a machine without AWS credentials: every EC2
 * check of this machine is unknown, saying "no AWS credentials", never pass; no EC2 or IAM SDK module is even loaded
 * (so nothing waits for the instance metadata service). A folder scanned with --host-root is no EC2 instance: the
 * EC2 checks do not apply to it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/report/json';
import { runCli } from '../support/cli';

jest.mock('@aws-sdk/client-ec2', () => {
  throw new Error('the EC2 SDK was loaded by a scan that needs no AWS');
});
jest.mock('@aws-sdk/client-iam', () => {
  throw new Error('the IAM SDK was loaded by a scan that needs no AWS');
});

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cb-ec2-demo-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const ec2Results = (report: JsonReport, target: string) =>
  report.results.filter((r) => r.checkId.startsWith('host.ec2.') && r.target === target);

describe('CLI: the EC2 checks of the demo', () => {
  it('are unknown with "no AWS credentials" on a machine without any', async () => {
    const out = await runCli(['scan', '--no-store', '--format', 'json'], { cwd: home, env: { HOME: home } });
    const report = JSON.parse(out.stdout) as JsonReport;
    const results = ec2Results(report, hostname());
    expect(results.map((r) => r.checkId).sort()).toEqual([
      'host.ec2.ebs-encrypted',
      'host.ec2.imds-hop-limit',
      'host.ec2.imdsv2-required',
      'host.ec2.instance-profile-least-privilege',
      'host.ec2.no-public-ip',
      'host.ec2.sg-admin-ports-closed',
      'host.ec2.ssm-agent',
    ]);
    for (const r of results) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('no AWS credentials: none in the environment');
      expect(r.message).toContain('the instance metadata service is not asked');
    }
  });

  it('say the machine is not identified, still unknown, when credentials exist', async () => {
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\n');
    const out = await runCli(['scan', '--no-store', '--format', 'json'], { cwd: home, env: { HOME: home } });
    const results = ec2Results(JSON.parse(out.stdout) as JsonReport, hostname());
    expect(results).toHaveLength(7);
    for (const r of results) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('its EC2 instance (if any) is not identified');
    }
  });

  it('do not apply to a host root', async () => {
    const root = join(home, 'node-root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    const out = await runCli(['scan', '--no-store', '--format', 'json', '--host-root', root], {
      cwd: home,
      env: { HOME: home },
    });
    const results = ec2Results(JSON.parse(out.stdout) as JsonReport, 'node-root');
    expect(results).toHaveLength(7);
    for (const r of results) {
      expect(r.status).toBe('not-applicable');
      expect(r.message).toBe('node-root is not an EC2 instance: a folder scanned as a host root, not a machine.');
    }
  });
});
