/**
 * A configuration sshd refuses is not a pass. Differential test with the real daemon: for each configuration, the
 * probe runs live (ROOT=/, sshd -T as on a node) in a private mount namespace where the configuration is bind-mounted
 * over /etc/ssh, and its verdict is compared with `sshd -T` run directly on the same file. When sshd refuses, every
 * SSH check is unknown with sshd's own message and host.ssh.config-valid fails; our file parser never stands in.
 * The same configuration under a host root (no daemon) is judged by the file parser, which says so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostChecks } from '../../checks/host';
import configValid from '../../checks/host/ssh-config-valid';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateTarget } from '../../src/core/engine';
import type { Result } from '../../src/core/model';

const SSHD = '/usr/sbin/sshd';
const PROBE = join(__dirname, '../../src/collectors/host/probe.sh');
const now = new Date('2026-11-30T00:00:00Z');
const sshChecks = hostChecks.filter((c) => c.requires.includes('host.sshd') && c.id !== configValid.id);

const HARDENED =
  'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n' +
  'Ciphers aes256-gcm@openssh.com\nMACs hmac-sha2-512-etm@openssh.com\nKexAlgorithms curve25519-sha256\n';

interface Case {
  name: string;
  config: string;
  /** What the file parser can tell without the daemon. */
  files: 'agrees' | 'cannot tell';
}

const CASES: Case[] = [
  { name: 'a hardened configuration', config: HARDENED, files: 'agrees' },
  {
    name: 'PermitRootLogin no, then PermitRootLogin wrong_value',
    config: `${HARDENED}PermitRootLogin wrong_value\n`,
    files: 'agrees',
  },
  {
    name: 'an invalid value inside a Match block for another user',
    config: `${HARDENED}Match User alice\n  PermitRootLogin bogus\n`,
    files: 'agrees',
  },
  { name: 'MaxAuthTries that is not a number', config: `MaxAuthTries three\n${HARDENED}`, files: 'agrees' },
  { name: 'PasswordAuthentication maybe', config: `${HARDENED}PasswordAuthentication maybe\n`, files: 'agrees' },
  { name: 'an unknown keyword', config: `${HARDENED}NoSuchKeyword yes\n`, files: 'cannot tell' },
];

let work = '';
let hostKey = '';
beforeAll(() => {
  if (!existsSync(SSHD)) throw new Error('sshd is not installed: apt-get install -y openssh-server');
  if (process.getuid?.() !== 0) throw new Error('this test bind-mounts a configuration over /etc/ssh: run it as root');
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  work = mkdtempSync(join(tmpdir(), 'cb-sshd-valid-'));
  hostKey = join(work, 'hostkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** sshd's own verdict on the file: accepted, or its first error line. */
function daemonVerdict(file: string): { accepted: boolean; firstLine: string } {
  const r = spawnSync(SSHD, ['-T', '-f', file, '-h', hostKey], { encoding: 'utf8' });
  return { accepted: r.status === 0, firstLine: (r.stderr.split('\n')[0] ?? '').trim() };
}

/** The probe as on a live node whose /etc/ssh is `etcSsh`: a private mount namespace, nothing changes outside. */
function liveProbe(etcSsh: string): string {
  const r = spawnSync(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$1" /etc/ssh && exec sh "$2" /',
      'sh',
      etcSsh,
      PROBE,
    ],
    { encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
  );
  if (r.status !== 0 || !r.stdout.includes('"end":true')) {
    throw new Error(`the live probe could not run in a mount namespace: ${r.stderr || r.error}`);
  }
  return r.stdout;
}

const byId = (results: Result[], id: string) => results.filter((r) => r.checkId === id);

describe('sshd configuration validity: the daemon decides when it is available', () => {
  it.each(CASES)('$name', async (c) => {
    const etcSsh = join(work, c.name.replace(/\W+/g, '-'), 'etc', 'ssh');
    mkdirSync(etcSsh, { recursive: true });
    writeFileSync(join(etcSsh, 'sshd_config'), c.config);
    const daemon = daemonVerdict(join(etcSsh, 'sshd_config'));

    // Live: sshd -T ran inside the probe.
    const live = evaluateTarget(hostChecks, parseProbeOutput(liveProbe(etcSsh), { name: 'n', kind: 'host' }), { now });
    const valid = byId(live, configValid.id);
    expect(valid.map((r) => r.status)).toEqual([daemon.accepted ? 'pass' : 'fail']);
    expect(valid[0].message).toContain('sshd -T');
    for (const check of sshChecks) {
      for (const r of byId(live, check.id)) {
        if (daemon.accepted) {
          expect([check.id, r.status, r.message]).toEqual([
            check.id,
            expect.stringMatching(/pass|fail/),
            expect.stringContaining('from sshd -T'),
          ]);
        } else {
          expect([check.id, r.status]).toEqual([check.id, 'unknown']);
          expect(r.message).toContain(daemon.firstLine.replace(/^.*?sshd_config/, ''));
        }
      }
    }
    if (!daemon.accepted) expect(valid[0].message).toContain(daemon.firstLine.replace(/^.*?sshd_config/, ''));

    // Host root: no daemon; the file parser judges, and says so.
    const run = await runProbe(join(etcSsh, '..', '..'));
    const files = byId(
      evaluateTarget(hostChecks, parseProbeOutput(run.stdout, { name: 'n', kind: 'host' }), { now }),
      configValid.id,
    );
    expect(files[0].message).toContain('configuration files');
    if (c.files === 'agrees') expect(files.map((r) => r.status)).toEqual([daemon.accepted ? 'pass' : 'fail']);
    else expect(files[0].message).toContain('keywords');
  });
});
