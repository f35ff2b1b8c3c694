/**
 * kube-proxy through the real probe on this machine: a process named kube-proxy (a copy of /bin/sh that waits)
 * started with --config, its configuration file read through /proc/PID/root, and only its metricsBindAddress line
 * kept. Whether the check passes or fails follows the file, not a flag the file overrides.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import check from '../../checks/host/kube-proxy-metrics-localhost';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateCheck } from '../../src/core/engine';
import type { TargetFacts } from '../../src/core/model';
import { probeBeside } from './probe-beside';

const now = new Date('2026-11-30T00:00:00Z');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-kube-proxy-'));
  copyFileSync('/bin/sh', join(dir, 'kube-proxy'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts "kube-proxy --config=FILE ARGS" (a copy of sh that waits, its command line carrying the flags) and probes. */
function probeWith(config: string, args: string[] = []): TargetFacts {
  const file = join(dir, 'config.conf');
  writeFileSync(file, config);
  const output = probeBeside('kube-proxy', [
    join(dir, 'kube-proxy'),
    '-c',
    'sleep 60; exit 0',
    'kube-proxy',
    `--config=${file}`,
    ...args,
  ]);
  return parseProbeOutput(output, { name: 'this-host', kind: 'host' });
}

describe('Probe: kube-proxy on a live host', () => {
  it('reads metricsBindAddress from the file --config names, and nothing else of it', () => {
    const tf = probeWith(
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n' +
        'clientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nmetricsBindAddress: 0.0.0.0:10249\n',
      ['--metrics-bind-address=127.0.0.1:10249'],
    );
    const fact = tf.facts['host.kubeProxy'];
    expect(fact).toEqual({
      ok: true,
      value: expect.objectContaining({
        running: true,
        configPath: join(dir, 'config.conf'),
        metricsBindAddress: '0.0.0.0:10249',
      }),
    });
    expect(JSON.stringify(fact)).not.toContain('kubeconfig.conf');
    const [r] = evaluateCheck(check, tf, { now });
    expect(r).toMatchObject({ status: 'fail', evidence: { value: '0.0.0.0:10249' } });
  });

  it('never follows a --config path that climbs out of the Pod with ..', () => {
    const tf = probeWith('metricsBindAddress: 127.0.0.1:10249\n', [
      `--config=${dir}/../${dir.split('/').pop()}/config.conf`,
    ]);
    expect(tf.facts['host.kubeProxy']).toEqual({
      ok: true,
      value: expect.objectContaining({ running: true, configError: 'a path with .. is not followed' }),
    });
    expect(evaluateCheck(check, tf, { now })[0]).toMatchObject({ status: 'unknown' });
  });

  it('is unknown, never the loopback default, for a configuration on one line of JSON', () => {
    const tf = probeWith('{"kind":"KubeProxyConfiguration","metricsBindAddress":"0.0.0.0:10249"}\n');
    const [r] = evaluateCheck(check, tf, { now });
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('names metricsBindAddress on a line the probe does not read');
  });

  it("passes kubeadm's empty metricsBindAddress (the loopback default)", () => {
    const tf = probeWith('kind: KubeProxyConfiguration\nmetricsBindAddress: ""\n');
    const [r] = evaluateCheck(check, tf, { now });
    expect(r).toMatchObject({ status: 'pass', evidence: { value: '127.0.0.1:10249' } });
  });
});
