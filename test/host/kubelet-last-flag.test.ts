/**
 * The kubelet reads its flags as pflag does: the last occurrence wins. Under a host root the probe rebuilds them from
 * the systemd units in the order systemd reads them (the unit, then its drop-ins), so a drop-in that starts
 * ExecStart again decides which configuration file is read and which kubeconfig is judged.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { makeRoot } from './make-root';

let root = '';
afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

it('reads the configuration file and kubeconfig the last --config and --kubeconfig name', async () => {
  root = makeRoot('node-l', {
    'usr/lib/systemd/system/kubelet.service':
      '[Service]\nExecStart=/usr/bin/kubelet --config=/var/lib/kubelet/old.yaml --kubeconfig=/etc/kubernetes/old.conf\n',
    'etc/systemd/system/kubelet.service.d/10-override.conf':
      '[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/new.conf\n',
    'var/lib/kubelet/old.yaml': 'readOnlyPort: 10255\n',
    'var/lib/kubelet/config.yaml': 'readOnlyPort: 0\n',
  });
  const tf = parseProbeOutput((await runProbe(root)).stdout, { name: 'node-l', kind: 'host' });
  const k = tf.facts['host.kubelet'];
  expect(k?.ok && [k.value.configPath, k.value.config, k.value.flags?.config]).toEqual([
    '/var/lib/kubelet/config.yaml',
    { readOnlyPort: 0 },
    '/var/lib/kubelet/config.yaml',
  ]);
  const files = tf.facts['host.files'];
  expect(files?.ok && files.value.filter((f) => f.role === 'kubeconfig' && f.of === 'kubelet')).toEqual([
    { role: 'kubeconfig', of: 'kubelet', path: '/etc/kubernetes/new.conf', absent: true },
  ]);
});
