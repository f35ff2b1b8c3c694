/**
 * The pod spec reduction through the live collector, over real TLS against the test API server: a workload's Pod
 * Security fields arrive in the facts and judge it; a Secret read into the environment is named, its value never is.
 */
import privileged from '../../checks/k8s/workloads/privileged';
import secretEnv from '../../checks/k8s/workloads/secret-env';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector } from '../../src/collectors/k8s/live';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import { DEFAULT_CHECK_OPTIONS, type FactSet } from '../../src/core/model';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';

const SECRET_VALUE = 'aHVudGVyMi1wb2Qtc2VjdXJpdHk=';

const OBJECTS = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'agents' },
    spec: {
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [
            {
              name: 'agent',
              image: 'example/agent:1',
              securityContext: { privileged: true },
              env: [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'agent-key', key: 'key' } } }],
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'agent-key', namespace: 'agents' },
    data: { key: SECRET_VALUE },
  },
];

let pki: TestPki;
let api: TestApiServer;
beforeAll(() => {
  pki = makeTestPki();
});
beforeEach(async () => {
  api = await startTestApiServer({ pki, objects: OBJECTS, maxLimit: 3 });
});
afterEach(async () => {
  await api.close();
});

async function collect(): Promise<FactSet> {
  const collector = kubeClusterCollector(
    'test',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })),
    { pageSize: 2, sleep: async () => {} },
  );
  return (await collector.collect({ reporter: silentReporter })).facts;
}

describe('Function: kubeClusterCollector (pod specs)', () => {
  it('fails the privileged DaemonSet with its namespace admission as evidence, and names the Secret it reads', async () => {
    const facts = await collect();
    const run = (check: typeof privileged | typeof secretEnv) =>
      evaluateCheck(
        check,
        { target: { name: 'test', kind: 'cluster' }, facts },
        { now: new Date('2026-06-01T00:00:00Z'), options: DEFAULT_CHECK_OPTIONS, checksInScan: [check.id] },
      );
    expect(run(privileged).map((r) => [r.status, r.resource.name, r.evidence])).toEqual([
      [
        'fail',
        'agent',
        { offences: ['container agent is privileged'], admission: { enforce: 'baseline', forbids: true } },
      ],
    ]);
    expect(run(secretEnv).map((r) => [r.status, r.message])).toEqual([
      [
        'fail',
        'DaemonSet agents/agent reads Secrets into environment variables: container agent reads API_KEY from Secret agent-key (key key).',
      ],
    ]);
    expect(JSON.stringify(facts)).not.toContain(SECRET_VALUE);
  });
});
