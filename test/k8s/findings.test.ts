/**
 * The fixture cluster end to end: live through the test API server over TLS, and offline from a
 * `kubectl get -o yaml` List dump of the same objects (`--manifests`). Both give the same findings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { authnChecks } from '../../checks/k8s/authn';
import { rbacChecks } from '../../checks/k8s/rbac';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector } from '../../src/collectors/k8s/live';
import { readManifests } from '../../src/collectors/k8s/manifests';
import { silentReporter } from '../../src/collectors/types';
import { evaluateTarget } from '../../src/core/engine';
import type { FactSet, Result } from '../../src/core/model';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { FIXTURE_OBJECTS } from './fixture-cluster';

const CHECKS = [...authnChecks, ...rbacChecks];
const NOW = new Date('2026-06-01T00:00:00Z');
const line = (r: Result) =>
  `${r.status} ${r.checkId} ${r.resource.kind} ${r.resource.namespace ? `${r.resource.namespace}/` : ''}${r.resource.name}`;
const evaluate = (facts: FactSet) =>
  evaluateTarget(CHECKS, { target: { name: 'fixture', kind: 'cluster' }, facts }, { now: NOW });

const EXPECTED_FAILS = [
  'fail k8s.authn.legacy-sa-token-secrets Secret ci/deployer-token',
  'fail k8s.authn.default-sa-automount ServiceAccount default/default',
  'fail k8s.authn.no-static-token-file KubeApiServer kube-apiserver/cp-1',
  'fail k8s.rbac.cluster-admin User alice',
  'fail k8s.rbac.dangling-binding RoleBinding web/ghost',
  'fail k8s.rbac.pod-exec ServiceAccount ci/deployer',
  'fail k8s.rbac.secrets-read Group web-devs',
  'fail k8s.rbac.workload-create ServiceAccount ci/deployer',
].sort();
// alice holds full control: the narrower permission checks report her as not-applicable (subsumed by cluster-admin).

let api: TestApiServer;
let live: Result[];
beforeAll(async () => {
  api = await startTestApiServer({ objects: FIXTURE_OBJECTS, maxLimit: 4 });
  const collector = kubeClusterCollector(
    'fixture',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })),
    // Timeouts far beyond a loopback answer: a busy machine slows the scan, it must not change its facts.
    { pageSize: 3, requestTimeoutMs: 120_000, tls: { timeoutMs: 120_000 } },
  );
  live = evaluate((await collector.collect({ reporter: silentReporter })).facts);
}, 300_000);
afterAll(async () => {
  await api.close();
});

describe('Fixture cluster: live through the test API server', () => {
  it('yields exactly the expected failing findings', () => {
    expect(
      live
        .filter((r) => r.status === 'fail')
        .map(line)
        .sort(),
    ).toEqual(EXPECTED_FAILS);
  });

  it('assesses every check (nothing unknown) and passes the rest', () => {
    expect(live.filter((r) => r.status === 'unknown').map(line)).toEqual([]);
    expect(live.filter((r) => r.status === 'pass').map(line)).toEqual(
      expect.arrayContaining([
        'pass k8s.authz.mode KubeApiServer kube-apiserver/cp-1',
        'pass k8s.authn.anonymous-auth-disabled KubeApiServer kube-apiserver',
        'pass k8s.rbac.anonymous-binding User system:anonymous',
        'pass k8s.rbac.cluster-admin Group web-devs',
        'pass k8s.authn.default-sa-automount ServiceAccount web/default',
      ]),
    );
  });

  it('names the granting binding and the aggregated role in the evidence', () => {
    const r = live.find((x) => x.checkId === 'k8s.rbac.secrets-read' && x.resource.name === 'web-devs');
    expect(r?.evidence).toEqual({
      bindings: ['RoleBinding web/web-view'],
      roles: ['ClusterRole view (aggregates ClusterRole secret-peek)'],
      rules: ['verbs=[get,list] apiGroups=[""] resources=[secrets]'],
      scopes: ['web'],
    });
    expect(r?.message).toBe(
      'Group web-devs can read Secrets in namespace web through RoleBinding web/web-view (ClusterRole view (aggregates ClusterRole secret-peek)).',
    );
  });
});

describe('Fixture cluster: the same objects from a kubectl get -o yaml dump', () => {
  let dir: string;
  let offline: Result[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-manifests-'));
    writeFileSync(join(dir, 'dump.yaml'), stringify({ apiVersion: 'v1', kind: 'List', items: FIXTURE_OBJECTS }));
    const read = await readManifests(dir);
    expect(read.problems.filter((p) => p.level === 'error')).toEqual([]);
    offline = evaluate({ ...read.facts, 'k8s.anonymousProbe': { ok: false, reason: 'not available from manifests' } });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same results as the live collector, the live-only anonymous probe aside', () => {
    const withoutProbe = (rs: Result[]) =>
      rs
        .filter((r) => !(r.checkId === 'k8s.authn.anonymous-auth-disabled' && r.resource.name === 'kube-apiserver'))
        .map((r) => `${line(r)} | ${r.message}`)
        .sort();
    expect(withoutProbe(offline)).toEqual(withoutProbe(live));
    expect(
      offline
        .filter((r) => r.status === 'fail')
        .map(line)
        .sort(),
    ).toEqual(EXPECTED_FAILS);
  });
});
