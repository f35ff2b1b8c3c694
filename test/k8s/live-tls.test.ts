/**
 * The TLS facts of a live cluster through the test API server: the API server's own certificate (probe), and the
 * certificates of kubernetes.io/tls Secrets only when enabled, without ever keeping a private key.
 */
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector, type LiveOptions, TLS_SECRETS_NOT_ENABLED } from '../../src/collectors/k8s/live';
import { silentReporter } from '../../src/collectors/types';
import type { FactSet } from '../../src/core/model';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';

let pki: TestPki;
let api: TestApiServer;
const KEY_MARKER = 'PRIVATE-KEY-MATERIAL-NEVER-KEPT';

beforeAll(async () => {
  pki = makeTestPki();
  const tlsSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: 'web-tls', namespace: 'shop' },
    data: {
      'tls.crt': Buffer.from(pki.certChainPem).toString('base64'),
      'tls.key': Buffer.from(KEY_MARKER).toString('base64'),
    },
  };
  const opaque = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'db', namespace: 'shop' },
    data: { password: Buffer.from(KEY_MARKER).toString('base64') },
  };
  api = await startTestApiServer({
    pki,
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, tlsSecret, opaque],
  });
});
afterAll(() => api.close());

async function collect(opts: LiveOptions): Promise<FactSet> {
  const kubeconfig = api.kubeconfig();
  const collector = kubeClusterCollector(
    'tls',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: kubeconfig })),
    {
      sleep: async () => {},
      ...opts,
    },
  );
  return (await collector.collect({ reporter: silentReporter })).facts;
}

describe('Function: kubeClusterCollector (TLS facts)', () => {
  it('probes the API server it scanned, verifying against the kubeconfig CA', async () => {
    const facts = await collect({ tls: { timeoutMs: 2000 } });
    const probe = facts['k8s.apiserverTls'];
    if (!probe?.ok) throw new Error(`probe failed: ${JSON.stringify(probe)}`);
    expect(probe.value.endpoint).toContain('127.0.0.1');
    expect(JSON.stringify(probe.value)).toMatch(/TLSv1\.3|TLSv1\.2/);
    expect(facts['k8s.tlsEndpoints']).toEqual({ ok: true, value: [] });
  });

  it('leaves TLS Secrets unread unless enabled, and says how to enable them', async () => {
    const facts = await collect({ tls: { probeApiServer: false } });
    expect(facts['k8s.tlsSecrets']).toEqual({ ok: false, reason: TLS_SECRETS_NOT_ENABLED });
  });

  it('reads the certificate of each TLS Secret when enabled, and keeps no key or other Secret data', async () => {
    const facts = await collect({ tls: { probeApiServer: false, readSecrets: true } });
    const secrets = facts['k8s.tlsSecrets'];
    if (!secrets?.ok) throw new Error(`not collected: ${JSON.stringify(secrets)}`);
    expect(secrets.value.map((s) => [s.namespace, s.name])).toEqual([['shop', 'web-tls']]);
    expect(secrets.value[0].certificate?.notAfter).toMatch(/^\d{4}-/);
    expect(JSON.stringify(facts)).not.toContain(KEY_MARKER);
    expect(JSON.stringify(facts)).not.toContain(Buffer.from(KEY_MARKER).toString('base64'));
  });

  it('makes TLS Secrets unknown, not "none", when the list is answered 200 with something that is not a list', async () => {
    api.faults.page = ({ plural, res }) => {
      if (plural !== 'secrets') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }));
      return true;
    };
    try {
      const facts = await collect({ tls: { probeApiServer: false, readSecrets: true } });
      expect(facts['k8s.tlsSecrets']).toEqual({ ok: false, reason: expect.stringContaining('not a list') });
    } finally {
      api.faults.page = undefined;
    }
  });
});
