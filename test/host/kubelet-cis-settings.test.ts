/**
 * The kubelet settings of CIS Kubernetes 4.2.5 to 4.2.14 (and EKS 3.2.5 to 3.2.9) from the real probe over a host
 * root: flags reconstructed from the systemd units override the configuration file, feature gates merge per gate,
 * and a setting only the command line carries is unknown when no unit shows the command line.
 */

import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostChecks } from '../../checks/host';
import { localHostCollector } from '../../src/collectors/host/local';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import type { Result, TargetFacts } from '../../src/core/model';
import { makeRoot, type RootSpec } from './make-root';

const now = new Date('2026-11-30T00:00:00Z');
const IDS = [
  'host.kubelet.streaming-idle-timeout',
  'host.kubelet.no-hostname-override',
  'host.kubelet.event-qps',
  'host.kubelet.serving-cert',
  'host.kubelet.server-cert-rotation',
  'host.kubelet.pod-pids-limit',
  'host.kubelet.seccomp-default',
];

function resultsOf(tf: TargetFacts): Record<string, Result> {
  return Object.fromEntries(
    IDS.map((id) => {
      const check = hostChecks.find((c) => c.id === id);
      if (!check) throw new Error(`${id} is not registered`);
      return [id, evaluateCheck(check, tf, { now })[0]!];
    }),
  );
}

const roots: string[] = [];
async function collect(name: string, files: RootSpec): Promise<TargetFacts> {
  const root = makeRoot(name, files);
  roots.push(root);
  return localHostCollector({ hostRoot: root }).collect({ reporter: silentReporter });
}
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

const CONFIG = [
  'apiVersion: kubelet.config.k8s.io/v1beta1',
  'kind: KubeletConfiguration',
  'streamingConnectionIdleTimeout: 0s',
  'eventRecordQPS: 0',
  'serverTLSBootstrap: true',
  'featureGates:',
  '  RotateKubeletServerCertificate: true',
  'podPidsLimit: 4096',
  'seccompDefault: true',
  '',
].join('\n');

describe('Probe to checks: the CIS kubelet settings under a host root', () => {
  it('judges the file, with the flags of the systemd units overriding it', async () => {
    const tf = await collect('kubeadm-node', {
      'etc/systemd/system/kubelet.service.d/10-kubeadm.conf':
        '[Service]\n' +
        'Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"\n' +
        'EnvironmentFile=-/etc/default/kubelet\n' +
        'ExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS $KUBELET_EXTRA_ARGS\n',
      'etc/default/kubelet':
        'KUBELET_EXTRA_ARGS=--hostname-override=ip-10-0-1-5.ec2.internal --event-qps=5 ' +
        '--feature-gates=SomeOtherGate=true\n',
      'var/lib/kubelet/config.yaml': CONFIG,
    });
    const r = resultsOf(tf);
    expect(Object.fromEntries(Object.entries(r).map(([id, x]) => [id, x.status]))).toEqual({
      'host.kubelet.streaming-idle-timeout': 'fail',
      'host.kubelet.no-hostname-override': 'fail',
      'host.kubelet.event-qps': 'fail',
      'host.kubelet.serving-cert': 'pass',
      'host.kubelet.server-cert-rotation': 'pass',
      'host.kubelet.pod-pids-limit': 'pass',
      'host.kubelet.seccomp-default': 'pass',
    });
    expect(r['host.kubelet.no-hostname-override']?.message).toContain(
      'ip-10-0-1-5.ec2.internal (flag --hostname-override)',
    );
    expect(r['host.kubelet.no-hostname-override']?.evidence?.flagsNote).toContain('systemd units');
    expect(r['host.kubelet.event-qps']?.message).toContain('is 5 (flag --event-qps)');
    // --feature-gates names another gate only: the file's entry for the rotation gate stands.
    expect(r['host.kubelet.server-cert-rotation']?.message).toContain(
      'feature gate is true (/var/lib/kubelet/config.yaml: featureGates.RotateKubeletServerCertificate)',
    );
    expect(r['host.kubelet.streaming-idle-timeout']?.message).toContain(
      'is 0s (/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout)',
    );
  });

  it('leaves --hostname-override unknown when no unit shows the command line, and judges the file', async () => {
    const tf = await collect('config-only', { 'var/lib/kubelet/config.yaml': CONFIG });
    const k = tf.facts['host.kubelet'];
    expect(k?.ok && k.value.flags).toBeNull();
    const r = resultsOf(tf);
    expect(r['host.kubelet.no-hostname-override']?.status).toBe('unknown');
    expect(r['host.kubelet.no-hostname-override']?.message).toContain('given on the command line only');
    expect(r['host.kubelet.pod-pids-limit']?.status).toBe('pass');
    expect(r['host.kubelet.event-qps']?.status).toBe('pass');
  });
});
