import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostChecks } from '../../checks/host';
import { localHostCollector, runProbe } from '../../src/collectors/host/local';
import { HOST_OS_FACT_KEYS } from '../../src/collectors/host/parse-os';
import { silentReporter } from '../../src/collectors/types';
import { evaluateTarget } from '../../src/core/engine';
import type { Fact } from '../../src/core/model';
import { runScan } from '../../src/scan/run-scan';
import { makeRoot, workerNode } from './make-root';

const now = new Date('2026-11-30T00:00:00Z');

describe('Function: localHostCollector', () => {
  const { files, secrets } = workerNode();
  const root = makeRoot('node-a', files);
  afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

  it('names the target after the host root directory', () => {
    expect(localHostCollector({ hostRoot: root }).target).toEqual({ name: 'node-a', kind: 'host' });
  });

  it('collects every host fact of a fixture root', async () => {
    const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
    const failed = Object.entries(tf.facts).filter(([, f]) => !(f as Fact<unknown>).ok);
    expect(failed).toEqual([]);
    const sshd = tf.facts['host.sshd'];
    expect(sshd?.ok && sshd.value.source).toBe('files');
    expect(sshd?.ok && sshd.value.contexts.find((c) => c.context === 'global')?.settings.permitrootlogin).toBe('no');
    const accounts = tf.facts['host.accounts'];
    expect(accounts?.ok && accounts.value.accounts).toEqual(
      expect.arrayContaining([
        { name: 'root', uid: 0, password: 'locked' },
        { name: 'ec2-user', uid: 1000, password: 'set' },
        { name: 'nopass', uid: 1001, password: 'empty' },
      ]),
    );
    const os = tf.facts['host.os'];
    expect(os?.ok && os.value).toEqual({
      id: 'amzn',
      versionId: '2023',
      prettyName: 'Amazon Linux 2023',
      hostname: 'node-a',
    });
  });

  it('gives a result for every host check of a fixture root', async () => {
    const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
    const results = evaluateTarget(hostChecks, tf, { now });
    for (const check of hostChecks) {
      expect(results.filter((r) => r.checkId === check.id).length).toBeGreaterThan(0);
    }
    expect(results.filter((r) => r.status === 'unknown')).toEqual([]);
  });

  it('runs through runScan with the target assessed', async () => {
    const res = await runScan({
      scope: 'test',
      trigger: 'test',
      collectors: [localHostCollector({ hostRoot: root })],
      checks: hostChecks,
      store: null,
      clock: () => now,
    });
    expect(res.snapshot.targets).toEqual([{ name: 'node-a', kind: 'host', status: 'assessed' }]);
    expect(res.snapshot.results.length).toBeGreaterThanOrEqual(hostChecks.length);
  });

  it('never prints a password hash, a private key or a static Pod env value', async () => {
    const run = await runProbe(root);
    expect(run.code).toBe(0);
    for (const s of secrets) {
      expect(run.stdout).not.toContain(s);
      expect(run.stdout).not.toContain(JSON.stringify(s).slice(1, -1));
    }
    expect(run.stdout).not.toContain('PRIVATE KEY');
    const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
    expect(JSON.stringify(tf)).not.toContain('do-not-collect-me');
  });

  it('prints the same document under dash, bash and busybox sh (when installed)', async () => {
    const shells: { shell: string; shellArgs?: string[] }[] = [
      { shell: '/bin/dash' },
      { shell: '/bin/bash', shellArgs: ['--posix'] },
      { shell: '/usr/bin/busybox', shellArgs: ['sh'] },
    ].filter((s) => existsSync(s.shell));
    expect(shells.length).toBeGreaterThan(0);
    const outputs = await Promise.all(shells.map((s) => runProbe(root, s)));
    for (const o of outputs) expect(o.stdout).toBe(outputs[0].stdout);
    const [header, document] = outputs[0].stdout.split('\n');
    expect(header).toMatch(/^compliance-bot-probe-output bytes=\d+ sha256=[0-9a-f]{64}$/);
    expect(() => JSON.parse(document)).not.toThrow();
  });

  it('throws (target unreachable) when the host root is not a directory', async () => {
    await expect(
      localHostCollector({ hostRoot: join(root, 'no-such-dir') }).collect({ reporter: silentReporter }),
    ).rejects.toThrow('is not a directory');
  });

  it('reports the mode of the key a symlink points to (absolute or relative, followed inside the root), not the link', async () => {
    const linkRoot = makeRoot('node-b', {
      'var/lib/kubelet/pki/kubelet-client-2026-11-01.pem': { content: 'not a key', mode: 0o600 },
    });
    // Absolute, as the kubelet writes it: it must be followed inside the host root.
    symlinkSync(
      '/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem',
      join(linkRoot, 'var/lib/kubelet/pki/kubelet-client-current.pem'),
    );
    symlinkSync('kubelet-client-2026-11-01.pem', join(linkRoot, 'var/lib/kubelet/pki/kubelet-server-current.pem'));
    try {
      const tf = await localHostCollector({ hostRoot: linkRoot }).collect({ reporter: silentReporter });
      const files = tf.facts['host.files'];
      expect(files?.ok && files.value.filter((f) => f.role === 'pki-key').map((f) => [f.path, f.mode])).toEqual([
        ['/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem', '600'],
        ['/var/lib/kubelet/pki/kubelet-client-current.pem', '600'],
        ['/var/lib/kubelet/pki/kubelet-server-current.pem', '600'],
      ]);
    } finally {
      rmSync(dirname(linkRoot), { recursive: true, force: true });
    }
  });

  it('refuses a host root path with control characters', async () => {
    await expect(
      localHostCollector({ hostRoot: `${root}\nevil` }).collect({ reporter: silentReporter }),
    ).rejects.toThrow('control characters');
  });

  it('makes every fact unknown when the probe times out', async () => {
    const tf = await localHostCollector({ hostRoot: root, timeoutMs: 1, shell: '/bin/sh' }).collect({
      reporter: silentReporter,
    });
    const sshd = tf.facts['host.sshd'];
    expect(sshd?.ok).toBe(false);
  });

  it('makes every fact unknown when the scan is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter, signal: ac.signal });
    expect(tf.facts['host.os']).toEqual({ ok: false, reason: 'the host probe was stopped: the scan ran out of time' });
  });
});

describe('Function: localHostCollector on the committed demo root (test/host/roots/node-a)', () => {
  it('gives a result for every host check, failing the planted weaknesses', async () => {
    const tf = await localHostCollector({ hostRoot: join(__dirname, 'roots', 'node-a') }).collect({
      reporter: silentReporter,
    });
    const results = evaluateTarget(hostChecks, tf, { now });
    for (const check of hostChecks) expect(results.some((r) => r.checkId === check.id)).toBe(true);
    expect(results.filter((r) => r.status === 'unknown')).toEqual([]);
    const status = (id: string, name?: string) =>
      results.find((r) => r.checkId === id && (name === undefined || r.resource.name === name))?.status;
    const rootLogin = results.find((r) => r.checkId === 'host.ssh.root-login-disabled');
    expect(rootLogin?.status).toBe('fail');
    expect(rootLogin?.message).toContain('"Match Address 10.20.0.0/16"');
    expect(status('host.ssh.password-auth-disabled')).toBe('pass');
    expect(status('host.account.root-locked')).toBe('pass');
    expect(status('host.account.no-extra-uid0', 'backup')).toBe('fail');
    expect(status('host.account.no-empty-passwords', 'backup')).toBe('fail');
    expect(status('host.kubelet.read-only-port-disabled')).toBe('fail');
    expect(status('host.kubelet.anonymous-auth-disabled')).toBe('pass');
    expect(status('host.cert.expiry', '/var/lib/kubelet/pki/kubelet-client-current.pem')).toBe('fail');
    expect(status('host.cert.expiry', '/etc/kubernetes/pki/ca.crt')).toBe('pass');
  });
});

describe('Function: localHostCollector on this machine', () => {
  it('collects this machine with the hostname as target and a value or a reason for every fact', async () => {
    const c = localHostCollector();
    const tf = await c.collect({ reporter: silentReporter });
    expect(tf.target.name.length).toBeGreaterThan(0);
    for (const f of Object.values(tf.facts) as Fact<unknown>[]) {
      if (!f.ok) expect(f.reason.length).toBeGreaterThan(0);
    }
    expect(Object.keys(tf.facts).sort()).toEqual(
      [
        ...['host.accounts', 'host.certs', 'host.files', 'host.kubelet', 'host.os', 'host.sshd', 'host.staticPods'],
        ...HOST_OS_FACT_KEYS,
      ].sort(),
    );
  });
});
