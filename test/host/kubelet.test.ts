import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import anonymousAuth from '../../checks/host/kubelet-anonymous-auth-disabled';
import certRotation from '../../checks/host/kubelet-cert-rotation';
import readOnlyPort from '../../checks/host/kubelet-read-only-port-disabled';
import webhookAuthz from '../../checks/host/kubelet-webhook-authz';
import { localHostCollector, runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import type { TargetFacts } from '../../src/core/model';
import { makeRoot } from './make-root';
import { probeBeside } from './probe-beside';

const now = new Date('2026-11-30T00:00:00Z');
const statusOf = (check: Parameters<typeof evaluateCheck>[0], tf: TargetFacts) => evaluateCheck(check, tf, { now })[0];

describe('Probe: kubelet configuration drop-ins (Amazon Linux 2023 EKS layout)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
  });

  const al2023 = (dropins: Record<string, string>) => {
    const files: Record<string, string> = {
      'etc/os-release': 'ID=amzn\nVERSION_ID="2023"\n',
      'etc/kubernetes/kubelet/config.json': JSON.stringify({
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        kind: 'KubeletConfiguration',
        authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
        authorization: { mode: 'Webhook' },
        readOnlyPort: 10255,
      }),
    };
    for (const [name, text] of Object.entries(dropins)) files[`etc/kubernetes/kubelet/config.json.d/${name}`] = text;
    const root = makeRoot('al2023', files);
    roots.push(root);
    return localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
  };

  it('merges drop-ins in name order over the config file, field by field', async () => {
    const tf = await al2023({
      '10-port.conf': '{"readOnlyPort": 0}',
      '20-authz.conf': 'authorization:\n  mode: AlwaysAllow\n',
      '30-authz.conf': 'authorization:\n  mode: Webhook\n',
      'ignored.json': '{"readOnlyPort": 10255}',
    });
    const k = tf.facts['host.kubelet'];
    expect(k?.ok && k.value.configDropins).toEqual([
      '/etc/kubernetes/kubelet/config.json.d/10-port.conf',
      '/etc/kubernetes/kubelet/config.json.d/20-authz.conf',
      '/etc/kubernetes/kubelet/config.json.d/30-authz.conf',
    ]);
    expect(statusOf(readOnlyPort, tf).status).toBe('pass');
    expect(statusOf(webhookAuthz, tf).status).toBe('pass');
    expect(statusOf(anonymousAuth, tf).status).toBe('pass');
  });

  it('never sends staticPodURLHeader values (JSON config, YAML drop-in), and keeps the rest usable', async () => {
    const root = makeRoot('al2023', {
      'etc/kubernetes/kubelet/config.json': JSON.stringify(
        {
          kind: 'KubeletConfiguration',
          staticPodURLHeader: { Authorization: ['Bearer s3cr3t-json'] },
          readOnlyPort: 10255,
        },
        null,
        2,
      ),
      'etc/kubernetes/kubelet/config.json.d/10-x.conf':
        'staticPodURLHeader:\n  Authorization:\n  - Bearer s3cr3t-yaml\nreadOnlyPort: 0\n',
    });
    roots.push(root);
    const run = await runProbe(root);
    expect(run.stdout).not.toContain('s3cr3t');
    const tf = parseProbeOutput(run.stdout, { name: 'al2023', kind: 'host' });
    const k = tf.facts['host.kubelet'];
    expect(k?.ok && k.value.config).toMatchObject({ staticPodURLHeader: {}, readOnlyPort: 0 });
  });

  it('is unknown when a drop-in is not valid YAML (it could override anything)', async () => {
    const tf = await al2023({ '10-broken.conf': 'readOnlyPort: [0\n' });
    const r = statusOf(readOnlyPort, tf);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('10-broken.conf: not valid YAML or JSON');
  });
});

describe('Probe: kubelet flags from systemd units under a host root (kubeadm layout)', () => {
  it('reconstructs the flags from ExecStart, Environment and EnvironmentFile, and a flag overrides the file', async () => {
    const root = makeRoot('kubeadm-node', {
      'etc/systemd/system/kubelet.service.d/10-kubeadm.conf':
        '[Service]\n' +
        'Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"\n' +
        'Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/kubeadm-config.yaml"\n' +
        'EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env\nEnvironmentFile=-/etc/default/kubelet\n' +
        'ExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS\n',
      'var/lib/kubelet/kubeadm-flags.env':
        'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/containerd/containerd.sock"\n',
      'etc/default/kubelet': 'KUBELET_EXTRA_ARGS=--read-only-port 10255\n',
      'var/lib/kubelet/kubeadm-config.yaml':
        'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n',
      'etc/kubernetes/kubelet.conf': 'apiVersion: v1\nkind: Config\n',
    });
    try {
      const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
      const k = tf.facts['host.kubelet'];
      expect(k?.ok && k.value.flags).toEqual({
        'bootstrap-kubeconfig': '/etc/kubernetes/bootstrap-kubelet.conf',
        kubeconfig: '/etc/kubernetes/kubelet.conf',
        config: '/var/lib/kubelet/kubeadm-config.yaml',
        'container-runtime-endpoint': 'unix:///run/containerd/containerd.sock',
        'read-only-port': '10255',
      });
      expect(k?.ok && k.value.configPath).toBe('/var/lib/kubelet/kubeadm-config.yaml');
      const r = statusOf(readOnlyPort, tf);
      expect(r.status).toBe('fail');
      expect(r.evidence?.flagsNote).toContain('systemd units');
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });
});

describe('Probe: the running kubelet (live, ROOT=/)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-kubelet-'));
    mkdirSync(join(dir, 'bin'));
    // A process whose name is "kubelet" (the kernel names a script after its file) with kubelet flags.
    writeFileSync(join(dir, 'bin', 'kubelet'), '#!/bin/sh\nwhile :; do sleep 1; done\n');
    chmodSync(join(dir, 'bin', 'kubelet'), 0o755);
    writeFileSync(
      join(dir, 'config.yaml'),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\nreadOnlyPort: 0\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the flags from /proc, the config file they name, and lets a flag override the file', () => {
    const output = probeBeside('kubelet', [
      join(dir, 'bin', 'kubelet'),
      `--config=${join(dir, 'config.yaml')}`,
      '--anonymous-auth',
      'true',
    ]);
    const tf = parseProbeOutput(output, { name: 'node-1', kind: 'host' });
    const k = tf.facts['host.kubelet'];
    expect(k?.ok && k.value.present).toBe(true);
    expect(k?.ok && k.value.flags).toEqual({ config: join(dir, 'config.yaml'), 'anonymous-auth': 'true' });
    expect(k?.ok && k.value.configPath).toBe(join(dir, 'config.yaml'));
    const anon = statusOf(anonymousAuth, tf);
    expect(anon.status).toBe('fail');
    expect(anon.message).toContain('flag --anonymous-auth');
    expect(statusOf(readOnlyPort, tf).status).toBe('pass');
    const files = tf.facts['host.files'];
    expect(files?.ok && files.value.find((f) => f.role === 'kubelet-config')?.path).toBe(join(dir, 'config.yaml'));
  });
});

describe('Probe: kubelet drop-ins cannot steer the merge through prototype keys', () => {
  it.each([
    ['__proto__ (JSON)', '{"__proto__":{"rotateCertificates":true}}'],
    ['__proto__ (YAML)', '__proto__:\n  rotateCertificates: true\n'],
    ['constructor.prototype', 'constructor:\n  prototype:\n    rotateCertificates: true\n'],
  ])('keeps host.kubelet.cert-rotation failing for a drop-in keyed %s', async (_name, dropin) => {
    const root = makeRoot('al2023', {
      'etc/kubernetes/kubelet/config.json': '{"kind":"KubeletConfiguration","readOnlyPort":0}',
      'etc/kubernetes/kubelet/config.json.d/10-x.conf': dropin,
    });
    try {
      const tf = await localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
      const r = statusOf(certRotation, tf);
      expect(r.status).toBe('fail');
      const k = tf.facts['host.kubelet'];
      expect(k?.ok && Object.getPrototypeOf(k.value.config)).toBeNull();
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });
});
