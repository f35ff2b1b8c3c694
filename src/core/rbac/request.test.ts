import type { AccessQuery } from './engine';
import {
  describeRequest,
  parseRequest,
  parseResource,
  parseTarget,
  type RequestParts,
  RequestSyntaxError,
} from './request';

/** The error `fn` throws: a RequestSyntaxError (anything else fails the test). */
function syntaxError(fn: () => unknown): RequestSyntaxError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RequestSyntaxError);
    return err as RequestSyntaxError;
  }
  throw new Error('no RequestSyntaxError was thrown');
}

const notAResource = (text: string) =>
  `"${text}" is not a resource: write it like pods, pods/exec, deployments.apps, apps/deployments or deployments/scale`;

describe('Function: parseResource', () => {
  it.each<[string, ReturnType<typeof parseResource>]>([
    ['pods', { group: '', resource: 'pods' }],
    ['pods/exec', { group: '', resource: 'pods', subresource: 'exec' }],
    ['deployments.apps', { group: 'apps', resource: 'deployments' }],
    ['deployments.apps/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['deployments/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['apps/deployments', { group: 'apps', resource: 'deployments' }],
    ['apps/deployments/scale', { group: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['widgets.example.com', { group: 'example.com', resource: 'widgets' }],
    ['example.com/widgets/status', { group: 'example.com', resource: 'widgets', subresource: 'status' }],
    ['widgets.x', { group: 'x', resource: 'widgets' }],
    ['core/pods', { group: '', resource: 'pods' }],
    ['core/pods/exec', { group: '', resource: 'pods', subresource: 'exec' }],
    ['pods.core', { group: '', resource: 'pods' }],
    ['extensions/ingresses', { group: 'extensions', resource: 'ingresses' }],
    ['batch/jobs', { group: 'batch', resource: 'jobs' }],
    ['policy/poddisruptionbudgets', { group: 'policy', resource: 'poddisruptionbudgets' }],
    ['autoscaling/horizontalpodautoscalers', { group: 'autoscaling', resource: 'horizontalpodautoscalers' }],
    ['rbac.authorization.k8s.io/clusterroles', { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    // Any *.k8s.io group is Kubernetes' own, listed or not.
    ['snapshot.storage.k8s.io/volumesnapshots', { group: 'snapshot.storage.k8s.io', resource: 'volumesnapshots' }],
    ['*', { group: '*', resource: '*' }],
    ['*/scale', { group: '*', resource: '*', subresource: 'scale' }],
    ['apps/*', { group: 'apps', resource: '*' }],
    ['k8s-0', { group: '', resource: 'k8s-0' }],
  ])('parses %s', (text, expected) => {
    expect(parseResource(text)).toStrictEqual(expected);
  });

  it('reads a single word as a resource, even one spelled like a group', () => {
    expect(parseResource('apps')).toStrictEqual({ group: '', resource: 'apps' });
    expect(parseResource('core')).toStrictEqual({ group: '', resource: 'core' });
  });

  it('reads X/Y as a resource and its subresource unless X is a Kubernetes group', () => {
    expect(parseResource('example.com/widgets')).toStrictEqual({
      group: 'com',
      resource: 'example',
      subresource: 'widgets',
    });
    expect(parseResource('nodes/proxy')).toStrictEqual({ group: '', resource: 'nodes', subresource: 'proxy' });
  });

  // Without a group, a well-known resource takes the group kubectl would resolve through discovery.
  it.each([
    ['deployments', 'apps'],
    ['daemonsets', 'apps'],
    ['statefulsets', 'apps'],
    ['replicasets', 'apps'],
    ['controllerrevisions', 'apps'],
    ['jobs', 'batch'],
    ['cronjobs', 'batch'],
    ['roles', 'rbac.authorization.k8s.io'],
    ['rolebindings', 'rbac.authorization.k8s.io'],
    ['clusterroles', 'rbac.authorization.k8s.io'],
    ['clusterrolebindings', 'rbac.authorization.k8s.io'],
    ['networkpolicies', 'networking.k8s.io'],
    ['ingresses', 'networking.k8s.io'],
    ['certificatesigningrequests', 'certificates.k8s.io'],
    ['validatingwebhookconfigurations', 'admissionregistration.k8s.io'],
    ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io'],
    ['customresourcedefinitions', 'apiextensions.k8s.io'],
    ['storageclasses', 'storage.k8s.io'],
    ['leases', 'coordination.k8s.io'],
    ['poddisruptionbudgets', 'policy'],
    ['horizontalpodautoscalers', 'autoscaling'],
    ['tokenreviews', 'authentication.k8s.io'],
    ['subjectaccessreviews', 'authorization.k8s.io'],
  ])('gives %s the group %s', (resource, group) => {
    expect(parseResource(resource)).toStrictEqual({ group, resource });
  });

  it('takes the group a request names over the well-known one', () => {
    expect(parseResource('deployments.extensions')).toStrictEqual({ group: 'extensions', resource: 'deployments' });
  });

  it.each([
    'a/b/c/d',
    'apps/deployments/scale/x',
    'Pods',
    '-pods',
    'pods_x',
    'pods!',
    '*x',
    'pods/Exec',
    'pods/',
    '/pods',
    '',
    '.pods',
    'pods.',
    'apps/deployments.apps',
    'Example.com/widgets/status',
    'example_com/widgets/status',
    'example.com-/widgets/status',
    'widgets._',
    'sec|rets',
  ])('rejects %j with a sentence showing how to write a resource', (text) => {
    expect(syntaxError(() => parseResource(text)).message).toBe(notAResource(text));
  });
});

describe('Function: parseTarget', () => {
  it.each(['/healthz', '/logs/*', '/api/v1', '/metrics', '/readyz/etcd', '/a-b_c.d~e%20', '/'])(
    'takes %s as a non-resource URL',
    (text) => {
      expect(parseTarget(text)).toStrictEqual({ group: '', resource: '', nonResourceURL: text });
    },
  );

  it('takes anything not starting with / as a resource', () => {
    expect(parseTarget('pods/exec')).toStrictEqual({ group: '', resource: 'pods', subresource: 'exec' });
    expect(parseTarget('deployments')).toStrictEqual({ group: 'apps', resource: 'deployments' });
  });

  it.each(['//double', '/logs//x', '/healthz?verbose', '/metrics?x=/y', '/a b/c', '/logs/*/x', '/Ünïcode'])(
    'rejects %j as a non-resource URL',
    (text) => {
      expect(syntaxError(() => parseTarget(text)).message).toBe(
        `"${text}" is not a non-resource URL: write it like /healthz or /logs/*`,
      );
    },
  );
});

describe('Function: describeRequest', () => {
  const q = (extra: Partial<AccessQuery>): AccessQuery => ({ verb: 'get', group: '', resource: 'secrets', ...extra });

  it.each<[Partial<AccessQuery>, string]>([
    [{}, 'get secrets'],
    [{ namespace: 'ci' }, 'get secrets in namespace ci'],
    [{ namespace: null }, 'get secrets (cluster-scoped)'],
    [{ name: 'db' }, 'get secrets named db'],
    [{ name: 'db', namespace: null }, 'get secrets named db (cluster-scoped)'],
    [{ name: 'db', namespace: 'ci' }, 'get secrets named db in namespace ci'],
    [{ verb: 'create', resource: 'pods', subresource: 'exec' }, 'create pods/exec'],
    [{ verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale' }, 'update deployments.apps/scale'],
    [{ group: 'apps', resource: 'deployments' }, 'get deployments.apps'],
    [{ group: '*', resource: '*' }, 'get *'],
    [{ verb: '*', group: '', resource: '*' }, '* *'],
    [{ nonResourceURL: '/healthz', group: '', resource: '' }, 'get /healthz'],
    // A non-resource request has no resource, group, name or namespace to show.
    [{ nonResourceURL: '/logs/*', group: 'apps', resource: 'pods', name: 'x', namespace: 'ci' }, 'get /logs/*'],
  ])('describes %j as %j', (extra, text) => {
    expect(describeRequest(q(extra))).toBe(text);
  });

  it.each([
    'pods',
    'pods/exec',
    'deployments',
    'deployments/scale',
    'apps/deployments/scale',
    'widgets.example.com',
    'example.com/widgets/status',
    'nodes/proxy',
    '*',
  ])('writes the resource of %s in a form parseResource reads back to the same request', (text) => {
    const query = parseRequest({ verb: 'update', target: text });
    const written = describeRequest(query).replace(/^update /, '');
    expect(parseResource(written)).toStrictEqual(parseResource(text));
  });
});

describe('Function: parseRequest', () => {
  const parse = (parts: Partial<RequestParts>) => parseRequest({ verb: 'get', target: 'secrets', ...parts });
  const rejects = (parts: Partial<RequestParts>) => syntaxError(() => parse(parts)).message;

  it('builds the query of a resource request, with only the parts given', () => {
    expect(parse({})).toStrictEqual({ verb: 'get', group: '', resource: 'secrets' });
    expect(parse({ verb: 'create', target: 'pods/exec', namespace: 'ci' })).toStrictEqual({
      verb: 'create',
      group: '',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'ci',
    });
    expect(parse({ name: 'db', clusterScoped: true })).toStrictEqual({
      verb: 'get',
      group: '',
      resource: 'secrets',
      name: 'db',
      namespace: null,
    });
    expect(parse({ clusterScoped: false })).toStrictEqual({ verb: 'get', group: '', resource: 'secrets' });
    expect(parse({ verb: '*', target: 'deployments', name: 'web', namespace: 'prod' })).toStrictEqual({
      verb: '*',
      group: 'apps',
      resource: 'deployments',
      name: 'web',
      namespace: 'prod',
    });
  });

  it('builds the query of a non-resource request', () => {
    expect(parse({ target: '/healthz' })).toStrictEqual({
      verb: 'get',
      group: '',
      resource: '',
      nonResourceURL: '/healthz',
    });
    expect(parse({ target: '/healthz', clusterScoped: false })).toStrictEqual({
      verb: 'get',
      group: '',
      resource: '',
      nonResourceURL: '/healthz',
    });
  });

  it.each(['get', 'list', 'impersonate', 'escalate', '*'])('accepts the verb %s', (verb) => {
    expect(parse({ verb }).verb).toBe(verb);
  });

  it.each(['GET', 'Get', 'get-all', 'get;', 'get all', '', '**', 'g3t'])('rejects the verb %j', (verb) => {
    expect(rejects({ verb })).toBe(`"${verb}" is not a verb (get, list, create, bind, impersonate…)`);
  });

  it.each(['a', 'ci', 'kube-system', 'prod', '0', 'a1', 'x'.repeat(63)])('accepts the namespace %s', (namespace) => {
    expect(parse({ namespace }).namespace).toBe(namespace);
  });

  it.each(['Prod', 'prod-', '-prod', 'pr_od', 'prod.x', '', 'x'.repeat(64)])(
    'rejects the namespace %j',
    (namespace) => {
      expect(rejects({ namespace })).toBe(`"${namespace}" is not a namespace name`);
    },
  );

  it.each(['x', 'db', 'system:kube-proxy', 'eks:node@example.com', 'Db.Main_1', 'x'.repeat(253)])(
    'accepts the object name %s',
    (name) => {
      expect(parse({ name }).name).toBe(name);
    },
  );

  it.each(['-db', 'db-', 'db:', '.db', 'd b', 'd/b', '', 'x'.repeat(254)])('rejects the object name %j', (name) => {
    expect(rejects({ name })).toBe(`"${name}" is not an object name`);
  });

  it('refuses a namespace and --cluster-scoped together', () => {
    expect(rejects({ namespace: 'ci', clusterScoped: true })).toBe('give -n NAMESPACE or --cluster-scoped, not both');
  });

  it.each<Partial<RequestParts>>([{ namespace: 'ci' }, { clusterScoped: true }, { name: 'x' }])(
    'refuses a non-resource URL with %j',
    (extra) => {
      expect(rejects({ target: '/healthz', ...extra })).toBe(
        'a non-resource URL has no namespace and no name: leave out -n, --cluster-scoped and --name',
      );
    },
  );

  it('names the bad target', () => {
    expect(rejects({ target: 'a/b/c/d' })).toBe(notAResource('a/b/c/d'));
    expect(rejects({ target: '//x' })).toBe('"//x" is not a non-resource URL: write it like /healthz or /logs/*');
  });

  it('checks the verb, then the namespace, then the name, then the target', () => {
    expect(rejects({ verb: 'GET', namespace: 'Bad', name: '-', target: 'a/b/c/d' })).toMatch(/is not a verb/);
    expect(rejects({ namespace: 'Bad', name: '-', target: 'a/b/c/d' })).toMatch(/is not a namespace name/);
    expect(rejects({ name: '-', target: 'a/b/c/d' })).toMatch(/is not an object name/);
  });
});
