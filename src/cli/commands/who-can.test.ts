import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FIXTURE_OBJECTS } from '../../../test/k8s/fixture-cluster';
import { startTestApiServer } from '../../../test/k8s-server/server';
import { parseResource } from '../../core/rbac/request';
import { run } from './who-can';

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
        '  Group system:masters  [cluster-wide]  (built-in)',
        '      via ClusterRoleBinding cluster-admin -> ClusterRole cluster-admin',
        '      system:masters bypasses authorization entirely',
        '  Group web-devs  [namespace web]',
        '      via RoleBinding web/web-view -> ClusterRole view (aggregates ClusterRole secret-peek)',
        '  User alice  [cluster-wide]',
        '      via ClusterRoleBinding alice-admin -> ClusterRole cluster-admin',
        '',
      ].join('\n'),
    );
  });

  it('leaves out built-in subjects with --hide-built-in', async () => {
    const t = io();
    expect(await run(['get', 'secrets', '-n', 'web', '--manifests', dir, '--hide-built-in'], t.io)).toBe(0);
    expect(t.out.join('')).not.toContain('system:masters');
    expect(t.out.join('')).toContain('Group web-devs');
  });

  it('answers a non-resource URL: only ClusterRoleBindings grant it, with "*" suffix matching', async () => {
    const t = io();
    expect(await run(['get', '/healthz', '--manifests', dir, '--json'], t.io)).toBe(0);
    const body = JSON.parse(t.out.join('')) as {
      query: { nonResourceURL: string };
      subjects: { subject: { name: string }; builtIn: boolean }[];
    };
    expect(body.query.nonResourceURL).toBe('/healthz');
    expect(body.subjects.map((e) => [e.subject.name, e.builtIn])).toEqual([
      ['system:authenticated', true],
      ['system:masters', true],
      ['alice', false],
    ]);
    const u = io();
    expect(await run(['get', '/apis/apps/v1', '--manifests', dir], u.io)).toBe(0);
    expect(u.out.join('')).toContain('Group system:authenticated  [cluster-wide]  (built-in)');
    const v = io();
    expect(await run(['get', '/metrics', '--manifests', dir, '--hide-built-in'], v.io)).toBe(0);
    expect(v.out.join('')).toBe(
      'Who can get /metrics:\n  User alice  [cluster-wide]\n      via ClusterRoleBinding alice-admin -> ClusterRole cluster-admin\n',
    );
  });

  it('answers a cluster-scoped request (ClusterRoleBindings only) and a named object (resourceNames)', async () => {
    const named = mkdtempSync(join(tmpdir(), 'cb-whocan-named-'));
    try {
      writeFileSync(
        join(named, 'rbac.yaml'),
        stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'db-secret' },
              rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'scaler' },
              rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'] }],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'RoleBinding',
              metadata: { name: 'carol-db', namespace: 'web' },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'db-secret' },
              subjects: [{ kind: 'User', name: 'carol' }],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRoleBinding',
              metadata: { name: 'dave-db' },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'db-secret' },
              subjects: [{ kind: 'User', name: 'dave' }],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'RoleBinding',
              metadata: { name: 'erin-scale', namespace: 'web' },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'scaler' },
              subjects: [{ kind: 'User', name: 'erin' }],
            },
          ],
        }),
      );
      const who = async (...args: string[]) => {
        const t = io();
        expect(await run([...args, '--manifests', named, '--json'], t.io)).toBe(0);
        return (JSON.parse(t.out.join('')) as { subjects: { subject: { name: string } }[] }).subjects.map(
          (e) => e.subject.name,
        );
      };
      expect(await who('get', 'secrets', '--name', 'db', '-n', 'web')).toEqual(['carol', 'dave']);
      expect(await who('get', 'secrets', '--name', 'other', '-n', 'web')).toEqual([]);
      expect(await who('get', 'secrets', '--name', 'db', '--cluster-scoped')).toEqual(['dave']);
      for (const resource of ['deployments/scale', 'deployments.apps/scale', 'apps/deployments/scale']) {
        expect(await who('update', resource, '-n', 'web')).toEqual(['erin']);
      }
      expect(await who('update', 'deployments', '-n', 'web')).toEqual([]);
      expect(await who('update', 'deployments/scale', '--cluster-scoped')).toEqual([]);
    } finally {
      rmSync(named, { recursive: true, force: true });
    }
  });

  it.each([
    [['get', '/healthz', '-n', 'web'], 'a non-resource URL has no namespace'],
    [['get', 'secrets', '-n', 'web', '--cluster-scoped'], 'not both'],
    [['get', 'secrets', '--name', 'a b'], 'is not an object name'],
    [['get', '/he;lthz'], 'is not a non-resource URL'],
    [['get', 'a/b/c/d'], 'is not a resource'],
  ])('exits 2 on %j', async (args, message) => {
    const t = io();
    expect(await run([...args, '--manifests', dir], t.io)).toBe(2);
    expect(t.err.join('')).toContain(message);
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
    [['get', 'pods', '--bogus'], "Unknown option '--bogus'"],
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
    ['deployments/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['apps/deployments', { group: 'apps', resource: 'deployments' }],
    ['apps/deployments/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['core/pods/exec', { group: '', resource: 'pods', subresource: 'exec' }],
    ['rbac.authorization.k8s.io/clusterroles', { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    ['example.com/widgets/status', { group: 'example.com', resource: 'widgets', subresource: 'status' }],
    ['*', { group: '*', resource: '*' }],
  ])('parses %s', (text, expected) => {
    expect(parseResource(text)).toEqual(expected);
  });
});
