/**
 * Whole results of the flag checks, where the case tables (substring match) cannot tell a sentence from the same
 * sentence with something put before it: `Could not assess` opens an `unknown` message and no other.
 */
import { evaluateCheck } from '../../../src/core/engine';
import type { HostStaticPod } from '../../../src/core/facts/host';
import type { ComponentInstance } from '../../../src/core/facts/k8s';
import { DEFAULT_CHECK_OPTIONS, type FactSet, type Result } from '../../../src/core/model';
import { flagCheck, staticPodFlagCheck } from './flag-check';
import { FLAG_CONTROLS, type FlagControl } from './flag-controls';

const row = (id: string): FlagControl => {
  const c = FLAG_CONTROLS.find((r) => r.id === id);
  if (!c) throw new Error(`no row ${id}`);
  return c;
};
const PROFILING = row('apiserver-profiling-disabled');
const ALWAYS_ADMIT = row('apiserver-no-always-admit');
const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

function onCluster(c: FlagControl, ...instances: ComponentInstance[]): Result[] {
  const facts: FactSet = {
    'k8s.controlPlane': { ok: true, value: { managed: null, components: { [c.component]: instances } } },
  };
  return evaluateCheck(
    flagCheck(c),
    { target: { name: 'demo', kind: 'cluster' }, facts },
    { now: new Date('2026-06-01T00:00:00Z'), options: DEFAULT_CHECK_OPTIONS },
  );
}

function onHost(c: FlagControl, pods: HostStaticPod[]): Result[] {
  return evaluateCheck(
    staticPodFlagCheck(c),
    { target: { name: 'cp-1', kind: 'host' }, facts: { 'host.staticPods': { ok: true, value: pods } } },
    { now: new Date('2026-06-01T00:00:00Z'), options: DEFAULT_CHECK_OPTIONS },
  );
}

const apiserverPod = (flags: Record<string, string>): HostStaticPod => ({
  path: MANIFEST,
  containers: [{ name: 'kube-apiserver', command: ['kube-apiserver'], flags }],
});

describe('flagCheck: a row of flag-controls.ts judged on each instance of the component', () => {
  it('passes with a message naming the instance and the flag, the flag kept as evidence', () => {
    const [r] = onCluster(PROFILING, { source: 'mirror-pod', node: 'cp-1', flags: { profiling: 'false' } });
    expect(r).toMatchObject({
      status: 'pass',
      resource: { kind: 'KubeApiServer', name: 'kube-apiserver/cp-1' },
      message: 'kube-apiserver on cp-1: --profiling is false.',
    });
    expect(r.evidence).toStrictEqual({ source: 'mirror-pod', node: 'cp-1', '--profiling': 'false' });
  });

  it('fails when the flag is absent, without the unknown wording, its evidence null', () => {
    const [r] = onCluster(PROFILING, { source: 'mirror-pod', node: 'cp-1', flags: {} });
    expect(r).toMatchObject({
      status: 'fail',
      message: 'kube-apiserver on cp-1: --profiling is not set (defaults to true).',
    });
    expect(r.evidence).toStrictEqual({ source: 'mirror-pod', node: 'cp-1', '--profiling': null });
  });

  it('is unknown for a value the component refuses, saying it could not assess, on an instance of no known node', () => {
    const [r] = onCluster(PROFILING, { source: 'manifest-file', flags: { profiling: 'no' } });
    expect(r).toMatchObject({
      status: 'unknown',
      resource: { kind: 'KubeApiServer', name: 'kube-apiserver/unknown-node' },
      message:
        'Could not assess kube-apiserver on an unknown node (manifest-file): --profiling is "no", which is not a boolean the component accepts.',
    });
    expect(r.evidence).toStrictEqual({ source: 'manifest-file', '--profiling': 'no' });
  });

  it('keeps every flag a rule reads as evidence, each one given or null', () => {
    const [r] = onCluster(ALWAYS_ADMIT, {
      source: 'mirror-pod',
      node: 'cp-1',
      flags: { 'enable-admission-plugins': 'NodeRestriction', 'secure-port': '6443' },
    });
    expect(r.status).toBe('pass');
    expect(r.evidence).toStrictEqual({
      source: 'mirror-pod',
      node: 'cp-1',
      '--enable-admission-plugins': 'NodeRestriction',
      '--disable-admission-plugins': null,
      '--admission-control': null,
    });
  });
});

describe('staticPodFlagCheck: the same row judged on the static Pod manifest of a host', () => {
  it('passes with a message naming the host and the manifest, the flag kept as evidence', () => {
    const [r] = onHost(PROFILING, [apiserverPod({ profiling: 'false' })]);
    expect(r).toMatchObject({
      status: 'pass',
      resource: { kind: 'KubeApiServer', name: 'kube-apiserver/cp-1' },
      message: `kube-apiserver on cp-1 (${MANIFEST}): --profiling is false.`,
    });
    expect(r.evidence).toStrictEqual({ source: 'host-manifest', path: MANIFEST, '--profiling': 'false' });
  });

  it('is unknown for a value the component refuses, saying it could not assess', () => {
    const [r] = onHost(PROFILING, [apiserverPod({ profiling: ' false' })]);
    expect(r).toMatchObject({
      status: 'unknown',
      message: `Could not assess kube-apiserver on cp-1 (${MANIFEST}): --profiling is " false", which is not a boolean the component accepts.`,
    });
    expect(r.evidence).toStrictEqual({ source: 'host-manifest', path: MANIFEST, '--profiling': ' false' });
  });

  it('is not applicable, listing the manifests read, when none runs the component', () => {
    const other = {
      path: '/etc/kubernetes/manifests/etcd.yaml',
      containers: [{ name: 'etcd', command: ['etcd'], flags: {} }],
    };
    expect(onHost(PROFILING, [other])).toMatchObject([
      {
        status: 'not-applicable',
        resource: { kind: 'Host', name: 'cp-1' },
        message: 'cp-1 has no kube-apiserver static Pod under /etc/kubernetes/manifests.',
        evidence: { manifests: ['/etc/kubernetes/manifests/etcd.yaml'] },
      },
    ]);
  });
});
