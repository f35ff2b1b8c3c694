/**
 * The Node list a host group is joined to (hostGroups[].ssm.cluster), read from the test API server over TLS: every
 * page, the providerIDs kept; a list the scanner may not read fails, so the join is skipped with a warning rather
 * than reporting every machine as a missing Node.
 */
import { clusterNodeLister } from '../../src/collectors/ec2/nodes';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';

const node = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `ip-10-0-1-${i}.eu-west-1.compute.internal`, uid: `u${i}` },
  spec: { providerID: `aws:///eu-west-1a/i-0${String(i).padStart(16, '0')}` },
});

let pki: TestPki;
let api: TestApiServer;
beforeAll(async () => {
  pki = makeTestPki();
  api = await startTestApiServer({ pki, objects: [1, 2, 3, 4, 5].map(node), maxLimit: 2 });
});
afterAll(() => api.close());

const lister = () => clusterNodeLister(async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })));

describe('Function: clusterNodeLister', () => {
  it('lists every Node across pages with its providerID', async () => {
    const nodes = await lister()();
    expect(nodes.map((n) => [n.name, n.providerID])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [
        `ip-10-0-1-${i}.eu-west-1.compute.internal`,
        `aws:///eu-west-1a/i-0${String(i).padStart(16, '0')}`,
      ]),
    );
    expect(api.requests.filter((r) => r.path.startsWith('/api/v1/nodes')).length).toBe(3);
  });

  it('throws, naming why, when the Nodes may not be listed', async () => {
    api.faults.forbid.add('nodes');
    try {
      await expect(lister()()).rejects.toThrow(/403|forbidden/i);
    } finally {
      api.faults.forbid.delete('nodes');
    }
  });
});
