import { join } from 'node:path';
import { FIXTURE_OBJECTS } from '../../../test/k8s/fixture-cluster';
import { startTestApiServer, type TestApiServer } from '../../../test/k8s-server/server';
import { configSchema } from '../../config/schema';
import { silentReporter } from '../types';
import { clusterCollectorsFor } from './index';

let api: TestApiServer;
beforeAll(async () => {
  api = await startTestApiServer({ objects: FIXTURE_OBJECTS });
});
afterAll(async () => {
  await api.close();
});

const config = configSchema.parse({
  clusters: [
    { name: 'prod', kubeconfig: { parameter: '/compliance-bot/kubeconfig/prod', context: 'test' } },
    { name: 'staging', kubeconfig: { secret: 'staging-kubeconfig' } },
    { name: 'gitops', manifests: 'deploy/' },
  ],
});

describe('Function: clusterCollectorsFor', () => {
  it('makes one target per configured cluster', () => {
    const collectors = clusterCollectorsFor(config, { kind: 'all' }, {});
    expect(collectors.map((c) => c.target)).toEqual([
      { name: 'prod', kind: 'cluster' },
      { name: 'staging', kind: 'cluster' },
      { name: 'gitops', kind: 'cluster' },
    ]);
  });

  it('selects one cluster by name, and none for a hosts-only scan', () => {
    expect(clusterCollectorsFor(config, { kind: 'cluster', name: 'staging' }, {}).map((c) => c.target.name)).toEqual([
      'staging',
    ]);
    expect(clusterCollectorsFor(config, { kind: 'hosts' }, {})).toEqual([]);
  });

  it('reads a kubeconfig from an SSM parameter through the injected reader and collects the cluster', async () => {
    const asked: unknown[] = [];
    const [prod] = clusterCollectorsFor(
      config,
      { kind: 'cluster', name: 'prod' },
      {
        readSecret: async (source) => {
          asked.push(source);
          return api.kubeconfig();
        },
      },
    );
    const facts = (await prod.collect({ reporter: silentReporter })).facts;
    expect(asked).toEqual([{ parameter: '/compliance-bot/kubeconfig/prod' }]);
    expect(facts['k8s.rbac']?.ok).toBe(true);
    // A cluster reached through a kubeconfig is no EKS target: the EKS checks do not apply to it.
    expect(facts['eks.cluster']).toEqual({
      ok: true,
      value: { notEks: 'prod is reached through a kubeconfig, not configured as an EKS cluster' },
    });
  });

  it('fails the target with a clear message when no secret reader is given', async () => {
    const [staging] = clusterCollectorsFor(config, { kind: 'cluster', name: 'staging' }, {});
    await expect(staging.collect({ reporter: silentReporter })).rejects.toThrow(
      'cluster staging: reading the kubeconfig needs a secret reader',
    );
  });
});

describe('Function: clusterCollectorsFor (manifests positions)', () => {
  it('gives positions of a configured manifests folder from the configuration file’s folder', async () => {
    const root = join(__dirname, '..', '..', '..');
    const cfg = configSchema.parse({ clusters: [{ name: 'demo', manifests: 'examples/demo-cluster' }] });
    const [demo] = clusterCollectorsFor(cfg, { kind: 'all' }, { baseDir: root });
    const collected = await demo.collect({ reporter: silentReporter });
    expect(collected.sources).toContainEqual({
      resource: { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' },
      source: { file: 'examples/demo-cluster/ci/deployer.yaml', line: 1 },
    });
  });
});
