/**
 * Unreadable is not empty: the probe run as an unprivileged user (as when it is not started as root) over a host
 * root whose folders it may not list. Every such folder makes the facts that depend on it unknown, with the reason;
 * none is taken for an empty folder.
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import certRotation from '../../checks/host/kubelet-cert-rotation';
import rootLogin from '../../checks/host/ssh-root-login-disabled';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateCheck } from '../../src/core/engine';
import type { TargetFacts } from '../../src/core/model';
import { makeRoot, type RootSpec, workerNode } from './make-root';

const now = new Date('2026-11-30T00:00:00Z');
const result = (check: Parameters<typeof evaluateCheck>[0], tf: TargetFacts) => evaluateCheck(check, tf, { now })[0];

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

/** A root the unprivileged user can enter, with the given folders (inside it) made mode 700, owned by root. */
function root(files: RootSpec, privateDirs: string[]): string {
  const r = makeRoot('node', files);
  roots.push(r);
  chmodSync(dirname(r), 0o755);
  for (const d of privateDirs) chmodSync(`${r}/${d}`, 0o700);
  return r;
}

/** The probe as nobody (uid 65534): what a probe not started as root sees. */
async function probeAsNobody(r: string): Promise<TargetFacts> {
  if (process.getuid?.() !== 0) throw new Error('this test runs the probe as another user: run it as root');
  const run = await runProbe(r, {
    shell: '/usr/bin/setpriv',
    shellArgs: ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/sh'],
  });
  return parseProbeOutput(run.stdout, { name: 'node', kind: 'host' });
}

describe('Probe as an unprivileged user: a folder it cannot list is never "nothing there"', () => {
  it('an sshd_config.d of mode 700 makes root login unknown, not passing', async () => {
    const { files } = workerNode({
      sshd: 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\n',
      dropIns: { '10-root.conf': 'PermitRootLogin yes\n' },
    });
    delete files['etc/shadow'];
    const tf = await probeAsNobody(root(files, ['etc/ssh/sshd_config.d']));
    const r = result(rootLogin, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('/etc/ssh/sshd_config.d/*.conf');
    expect(r.message).toContain('permission denied');
  });

  it('a folder on the way to an Include that cannot be searched makes root login unknown', async () => {
    const { files } = workerNode({ sshd: 'Include /etc/ssh/private/extra.conf\nPermitRootLogin no\n' });
    files['etc/ssh/private/extra.conf'] = 'PermitRootLogin yes\n';
    const tf = await probeAsNobody(root(files, ['etc/ssh/private']));
    const r = result(rootLogin, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('permission denied');
  });

  it('a kubelet drop-in folder of mode 700 makes the kubelet settings unknown', async () => {
    const tf = await probeAsNobody(
      root(
        {
          'etc/kubernetes/kubelet/config.json': '{"kind":"KubeletConfiguration","rotateCertificates":false}',
          'etc/kubernetes/kubelet/config.json.d/10-rotate.conf': '{"rotateCertificates":true}',
        },
        ['etc/kubernetes/kubelet/config.json.d'],
      ),
    );
    const r = result(certRotation, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('config.json.d: permission denied');
  });

  it('a kubelet folder of mode 700 makes the configuration unknown, never "no kubelet"', async () => {
    const tf = await probeAsNobody(
      root({ 'var/lib/kubelet/config.yaml': 'kind: KubeletConfiguration\nrotateCertificates: true\n' }, [
        'var/lib/kubelet',
      ]),
    );
    const r = result(certRotation, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('permission denied');
  });

  it('a kubelet unit drop-in folder of mode 700 makes the kubelet settings unknown (a flag could override)', async () => {
    const tf = await probeAsNobody(
      root(
        {
          'etc/systemd/system/kubelet.service.d/10-flags.conf':
            '[Service]\nExecStart=/usr/bin/kubelet --rotate-certificates=false\n',
          'var/lib/kubelet/config.yaml': 'kind: KubeletConfiguration\nrotateCertificates: true\n',
        },
        ['etc/systemd/system/kubelet.service.d'],
      ),
    );
    const r = result(certRotation, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('kubelet.service.d: permission denied');
  });

  it('a static Pod folder of mode 700 makes the static Pods unknown', async () => {
    const tf = await probeAsNobody(
      root({ 'etc/kubernetes/manifests/kube-apiserver.yaml': 'kind: Pod\n' }, ['etc/kubernetes/manifests']),
    );
    const pods = tf.facts['host.staticPods'];
    expect(pods?.ok).toBe(false);
    expect(!pods?.ok && pods?.reason).toContain('permission denied');
  });

  it('a PKI folder that cannot be searched is reported, never "no keys"', async () => {
    const tf = await probeAsNobody(root({ 'etc/kubernetes/pki/ca.key': 'x' }, ['etc/kubernetes']));
    const files = tf.facts['host.files'];
    expect(files?.ok && files.value).toContainEqual(
      expect.objectContaining({
        role: 'pki-key',
        path: '/etc/kubernetes/pki',
        error: expect.stringContaining('permission denied'),
      }),
    );
  });
});
