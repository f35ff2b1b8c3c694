/**
 * The NetworkPolicy and TLS checks over one cluster, three ways: live through the test Kubernetes API server over
 * HTTPS (plus the live TLS probe of that server), and offline from a `kubectl get -o yaml` List dump through
 * readManifests(). The findings must be the same, the live-only probe checks aside.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { netpolChecks } from '../../checks/k8s/netpol';
import { tlsChecks } from '../../checks/k8s/tls';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector } from '../../src/collectors/k8s/live';
import { readManifests } from '../../src/collectors/k8s/manifests';
import { probeTls } from '../../src/collectors/tls';
import { silentReporter } from '../../src/collectors/types';
import { evaluateTarget } from '../../src/core/engine';
import type { FactSet, Result } from '../../src/core/model';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { NETPOL_TLS_OBJECTS } from './fixture-cluster';

const CHECKS = [...netpolChecks, ...tlsChecks];
/**
 * The scan time: the clock the test API server's certificates are made by (test/k8s-server/pki.ts) and verified
 * against by TLS, so the expiry checks read them on the same clock whatever the date.
 */
const NOW = new Date();
/** Checks that read the live TLS probe: their results differ by design when the probe is not available. */
const PROBE_CHECKS = new Set([
  'k8s.tls.apiserver-cert-expiry',
  'k8s.tls.apiserver-cert-strength',
  'k8s.tls.apiserver-min-version',
  'k8s.tls.cipher-suites',
]);
const line = (r: Result) =>
  `${r.status} ${r.checkId} ${r.resource.kind} ${r.resource.namespace ? `${r.resource.namespace}/` : ''}${r.resource.name}`;
const evaluate = (facts: FactSet, now = NOW) =>
  evaluateTarget(CHECKS, { target: { name: 'fixture', kind: 'cluster' }, facts }, { now });

const EXPECTED_NETPOL = [
  'fail k8s.netpol.namespace-has-policy Namespace monitoring',
  'pass k8s.netpol.namespace-has-policy Namespace payments',
  'pass k8s.netpol.namespace-has-policy Namespace sandbox',
  'pass k8s.netpol.namespace-has-policy Namespace shop',
  'not-applicable k8s.netpol.namespace-has-policy Namespace default',
  'not-applicable k8s.netpol.namespace-has-policy Namespace idle',
  'fail k8s.netpol.default-deny-ingress Namespace shop',
  'fail k8s.netpol.default-deny-ingress Namespace payments',
  'fail k8s.netpol.default-deny-ingress Namespace monitoring',
  'fail k8s.netpol.default-deny-ingress Namespace sandbox',
  'not-applicable k8s.netpol.default-deny-ingress Namespace default',
  'not-applicable k8s.netpol.default-deny-ingress Namespace idle',
  'fail k8s.netpol.default-deny-egress Namespace shop',
  'fail k8s.netpol.default-deny-egress Namespace payments',
  'fail k8s.netpol.default-deny-egress Namespace monitoring',
  'fail k8s.netpol.default-deny-egress Namespace sandbox',
  'not-applicable k8s.netpol.default-deny-egress Namespace default',
  'not-applicable k8s.netpol.default-deny-egress Namespace idle',
  'pass k8s.netpol.pod-isolated Deployment shop/web',
  'pass k8s.netpol.pod-isolated Deployment shop/api',
  'fail k8s.netpol.pod-isolated DaemonSet shop/log-shipper',
  'pass k8s.netpol.pod-isolated StatefulSet payments/ledger',
  'fail k8s.netpol.pod-isolated Deployment payments/batch',
  'fail k8s.netpol.pod-isolated Deployment monitoring/prometheus',
  'pass k8s.netpol.pod-isolated Deployment sandbox/toy',
  'not-applicable k8s.netpol.pod-isolated Deployment idle/nightly',
  'pass k8s.netpol.allow-all NetworkPolicy shop/default-deny-ingress',
  'fail k8s.netpol.allow-all NetworkPolicy shop/web-https-from-anywhere',
  'pass k8s.netpol.allow-all NetworkPolicy shop/api-from-web-and-prometheus',
  'pass k8s.netpol.allow-all NetworkPolicy payments/ledger',
  'fail k8s.netpol.allow-all NetworkPolicy sandbox/open',
  'pass k8s.netpol.exposed-unisolated Service shop/web',
  'pass k8s.netpol.exposed-unisolated Service payments/ledger',
  'fail k8s.netpol.exposed-unisolated Service monitoring/prometheus',
  'fail k8s.netpol.internet-reachable DaemonSet shop/log-shipper',
  'fail k8s.netpol.internet-reachable Deployment monitoring/prometheus',
  'fail k8s.netpol.internet-reachable Deployment payments/batch',
  'fail k8s.netpol.internet-reachable Deployment sandbox/toy',
  'fail k8s.netpol.internet-reachable Deployment shop/web',
  'pass k8s.netpol.internet-reachable Deployment shop/api',
  'pass k8s.netpol.internet-reachable StatefulSet payments/ledger',
  'not-applicable k8s.netpol.internet-reachable Deployment idle/nightly',
].sort();

const EXPECTED_TLS_FLAGS = [
  'pass k8s.tls.apiserver-serving-cert KubeApiServer kube-apiserver/cp-1',
  'pass k8s.tls.apiserver-etcd KubeApiServer kube-apiserver/cp-1',
  'fail k8s.tls.apiserver-kubelet KubeApiServer kube-apiserver/cp-1',
  'pass k8s.tls.etcd-client Etcd etcd/cp-1',
  'fail k8s.tls.etcd-peer Etcd etcd/cp-1',
  'fail k8s.tls.controller-manager KubeControllerManager kube-controller-manager/cp-1',
  'unknown k8s.tls.secret-expiry Cluster fixture',
].sort();

const nonProbe = (rs: Result[]) => rs.filter((r) => !PROBE_CHECKS.has(r.checkId));

let api: TestApiServer;
let liveFacts: FactSet;
let live: Result[];
beforeAll(async () => {
  api = await startTestApiServer({ objects: NETPOL_TLS_OBJECTS, maxLimit: 5 });
  const collector = kubeClusterCollector(
    'fixture',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })),
    // Timeouts far beyond a loopback answer: a busy machine slows the scan, it must not change its facts.
    { pageSize: 4, anonymousProbe: false, requestTimeoutMs: 120_000, tls: { timeoutMs: 120_000 } },
  );
  liveFacts = (await collector.collect({ reporter: silentReporter })).facts;
  // What the scan's wiring of the live collector does with probeTls: the API server endpoint, verified against
  // the cluster CA of the kubeconfig.
  liveFacts['k8s.apiserverTls'] = await probeTls(api.url, { ca: api.caPem, timeoutMs: 120_000 });
  live = evaluate(liveFacts);
}, 300_000);
afterAll(async () => {
  await api.close();
});

describe('NetworkPolicy and TLS findings: live through the test API server', () => {
  it('gives exactly the expected NetworkPolicy results', () => {
    expect(
      live
        .filter((r) => r.checkId.startsWith('k8s.netpol.') && r.checkId !== 'k8s.netpol.reach-paths')
        .map(line)
        .sort(),
    ).toEqual(EXPECTED_NETPOL);
  });

  it('gives one reach-paths result per opened path, sources in excluded namespaces included', () => {
    const paths = live.filter((r) => r.checkId === 'k8s.netpol.reach-paths').map(line);
    expect(paths).toHaveLength(17);
    expect(paths).toEqual(
      expect.arrayContaining([
        'fail k8s.netpol.reach-paths NetworkPath shop/0.0.0.0/0,::/0 -> Deployment/shop/web TCP/8443',
        'fail k8s.netpol.reach-paths NetworkPath shop/DaemonSet/kube-system/kube-proxy -> Deployment/shop/web TCP/8443',
        'fail k8s.netpol.reach-paths NetworkPath shop/Deployment/monitoring/prometheus -> Deployment/shop/api all traffic',
        'fail k8s.netpol.reach-paths NetworkPath payments/Deployment/shop/api -> StatefulSet/payments/ledger all traffic',
      ]),
    );
    // Out of the egress-isolated ledger: its ipBlock minus its exceptions, as a minimal CIDR set.
    expect(paths.find((p) => p.includes('StatefulSet/payments/ledger -> 0.0.0.0/5'))).toContain('169.254.169.255/32');
  });

  it('gives exactly the expected control-plane flag results', () => {
    expect(
      nonProbe(live)
        .filter((r) => r.checkId.startsWith('k8s.tls.'))
        .map(line)
        .sort(),
    ).toEqual(EXPECTED_TLS_FLAGS);
  });

  it('assesses the API server through the live TLS probe of the test server', () => {
    expect(liveFacts['k8s.apiserverTls']?.ok).toBe(true);
    const probeResults = live
      .filter((r) => PROBE_CHECKS.has(r.checkId))
      .map(line)
      .sort();
    expect(probeResults).toEqual(
      [
        'pass k8s.tls.apiserver-cert-expiry Certificate kube-apiserver',
        'pass k8s.tls.apiserver-cert-strength Certificate kube-apiserver',
        'pass k8s.tls.apiserver-min-version KubeApiServer kube-apiserver',
        // Node's default server suites include CBC ones: the probe sees what the flags claim is not the case.
        'fail k8s.tls.cipher-suites KubeApiServer kube-apiserver',
        'fail k8s.tls.cipher-suites Etcd etcd/cp-1',
      ].sort(),
    );
    const ciphers = live.find((r) => r.checkId === 'k8s.tls.cipher-suites' && r.resource.name === 'kube-apiserver');
    expect(ciphers?.message).toMatch(/accepts .*TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.* \(live probe\)/);
  });

  it('turns the certificate expiry critical when the scan runs 5 days before the test certificate expires', () => {
    const probe = liveFacts['k8s.apiserverTls'];
    if (!probe?.ok) throw new Error('probe failed');
    const leafExpiry = new Date(probe.value.chain[0].notAfter);
    const late = evaluate(liveFacts, new Date(leafExpiry.getTime() - 5 * 86_400_000));
    const expiry = late.find((r) => r.checkId === 'k8s.tls.apiserver-cert-expiry');
    expect(expiry).toMatchObject({ status: 'fail', severity: 'critical' });
  });

  it('explains the NetworkPolicy failures with the policies and workloads involved', () => {
    const sandbox = live.find((r) => r.checkId === 'k8s.netpol.allow-all' && r.resource.name === 'open');
    expect(sandbox?.message).toBe(
      'NetworkPolicy sandbox/open allows ingress from every source on every port (rule #1: ipBlock 0.0.0.0/0, ::/0 covers every IPv4 address and every IPv6 address).',
    );
    expect(sandbox?.severity).toBe('high');
    const web = live.find((r) => r.checkId === 'k8s.netpol.allow-all' && r.resource.name === 'web-https-from-anywhere');
    expect(web).toMatchObject({ severity: 'medium' });
    expect(web?.message).toContain('on TCP/8443');
    const shipper = live.find((r) => r.checkId === 'k8s.netpol.pod-isolated' && r.resource.name === 'log-shipper');
    expect(shipper?.message).toBe(
      'DaemonSet shop/log-shipper runs on the host network: NetworkPolicies do not apply to it (shop/default-deny-ingress select(s) it to no effect).',
    );
    const shop = live.find((r) => r.checkId === 'k8s.netpol.default-deny-ingress' && r.resource.name === 'shop');
    expect(shop?.message).toBe(
      'Namespace shop selects every pod for ingress but DaemonSet/log-shipper runs on the host network: NetworkPolicies do not apply to it.',
    );
    const exposed = live.find((r) => r.checkId === 'k8s.netpol.exposed-unisolated' && r.status === 'fail');
    expect(exposed?.message).toBe(
      'NodePort Service monitoring/prometheus sends traffic to Deployment/prometheus, which no NetworkPolicy isolates for ingress.',
    );
  });
});

describe('NetworkPolicy and TLS findings: the same objects from a kubectl get -o yaml dump', () => {
  let dir: string;
  let offline: Result[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-netpol-'));
    writeFileSync(join(dir, 'dump.yaml'), stringify({ apiVersion: 'v1', kind: 'List', items: NETPOL_TLS_OBJECTS }));
    const read = await readManifests(dir);
    expect(read.problems.filter((p) => p.level === 'error')).toEqual([]);
    offline = evaluate(read.facts);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same results and messages as the live collector, the live TLS probe checks aside', () => {
    // Secret certificates come from a live cluster only (when enabled): the two sources say why not in their own words.
    const text = (rs: Result[]) =>
      nonProbe(rs)
        .filter((r) => r.checkId !== 'k8s.tls.secret-expiry')
        .map((r) => `${line(r)} | ${r.severity} | ${r.message}`)
        .sort();
    expect(text(offline)).toEqual(text(live));
  });

  it('assesses the probe checks from the flags where flags can decide, and says why not elsewhere', () => {
    const probeResults = offline
      .filter((r) => PROBE_CHECKS.has(r.checkId))
      .map(line)
      .sort();
    expect(probeResults).toEqual(
      [
        'unknown k8s.tls.apiserver-cert-expiry Cluster fixture',
        'unknown k8s.tls.apiserver-cert-strength Cluster fixture',
        'pass k8s.tls.apiserver-min-version KubeApiServer kube-apiserver',
        'pass k8s.tls.cipher-suites KubeApiServer kube-apiserver',
        'fail k8s.tls.cipher-suites Etcd etcd/cp-1',
      ].sort(),
    );
  });
});
