import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FIXTURE_OBJECTS } from '../../../test/k8s/fixture-cluster';
import { startTestApiServer } from '../../../test/k8s-server/server';
import { parseResource, run } from './who-can';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd: '/', env: {} },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-whocan-'));
  writeFileSync(join(dir, 'dump.yaml'), stringify({ apiVersion: 'v1', kind: 'List', items: FIXTURE_OBJECTS }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Function: run (who-can)', () => {
  it('lists who can get secrets in namespace web from manifests, with bindings and aggregated roles', async () => {
    const t = io();
    expect(await run(['get', 'secrets', '-n', 'web', '--manifests', dir], t.io)).toBe(0);
    expect(t.out.join('')).toBe(
      [
        'Who can get secrets in namespace web:',
        '  Group web-devs  [namespace web]',
        '      via RoleBinding web/web-view -> ClusterRole view (aggregates ClusterRole secret-peek)',
        '  User alice  [cluster-wide]',
        '      via ClusterRoleBinding alice-admin -> ClusterRole cluster-admin',
        '',
      ].join('\n'),
    );
  });

  it('shows system:masters with --all', async () => {
    const t = io();
    expect(await run(['create', 'pods/exec', '--manifests', dir, '--all', '--json'], t.io)).toBe(0);
    const body = JSON.parse(t.out.join('')) as { subjects: { subject: { name: string } }[] };
    expect(body.subjects.map((s) => s.subject.name)).toEqual(['system:masters', 'deployer', 'alice']);
  });

  it('answers from a live cluster through its kubeconfig (RBAC lists only)', async () => {
    const api = await startTestApiServer({ objects: FIXTURE_OBJECTS });
    const kc = join(dir, 'kubeconfig');
    writeFileSync(kc, api.kubeconfig());
    try {
      const t = io();
      expect(await run(['create', 'deployments', '--kubeconfig', kc, '--context', 'test'], t.io)).toBe(0);
      expect(t.out.join('')).toContain('ServiceAccount ci/deployer  [namespace ci]');
      expect(api.requests.some((r) => r.path.endsWith('/pods'))).toBe(false);
    } finally {
      await api.close();
    }
  });

  it.each([
    [['get'], 'give a VERB and a RESOURCE'],
    [['get', 'pods;rm -rf /', '--manifests', '/tmp'], 'is not a resource'],
    [['get', 'pods', '-n', '../etc'], 'is not a namespace name'],
    [['get', 'pods', '--manifests', '/x', '--kubeconfig', '/y'], 'not both'],
    [['get', 'pods', '--bogus'], 'unknown option --bogus'],
  ])('exits 2 on %j with a message', async (args, message) => {
    const t = io();
    expect(await run(args, t.io)).toBe(2);
    expect(t.err.join('')).toContain(message);
  });

  it('exits 2 when the context is not in the kubeconfig', async () => {
    const api = await startTestApiServer({ objects: [] });
    const kc = join(dir, 'kubeconfig2');
    writeFileSync(kc, api.kubeconfig());
    try {
      const t = io();
      expect(await run(['get', 'pods', '--kubeconfig', kc, '--context', 'nope'], t.io)).toBe(2);
      expect(t.err.join('')).toContain('context "nope" is not in the kubeconfig (it has: test)');
    } finally {
      await api.close();
    }
  });
});

describe('Function: parseResource', () => {
  it.each([
    ['pods', { group: '', resource: 'pods' }],
    ['pods/exec', { group: '', resource: 'pods', subresource: 'exec' }],
    ['deployments', { group: 'apps', resource: 'deployments' }],
    ['deployments.apps/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['widgets.example.com', { group: 'example.com', resource: 'widgets' }],
  ])('parses %s', (text, expected) => {
    expect(parseResource(text)).toEqual(expected);
  });
});
