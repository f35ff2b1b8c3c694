import { parseRequest } from '../core/rbac/request';
import { type Command, MAX_TEXT, parseCommand, permissionOf, tokenize, validateWaiver } from './grammar';

const ctx = {
  clusters: ['prod-eu', 'staging'],
  isCheck: (id: string) => ['host.ssh.root-login-disabled', 'k8s.rbac.secrets-read'].includes(id),
};

describe('Function: parseCommand', () => {
  const table: [string, Command | { help: RegExp | null }][] = [
    ['', { help: null }],
    ['help', { help: null }],
    ['HELP', { help: null }],
    ['status', { name: 'status' }],
    ['diff', { name: 'diff' }],
    ['status now', { help: /takes no arguments/ }],
    ['posture', { name: 'posture' }],
    ['posture CIS-Kubernetes-1.12', { name: 'posture', framework: 'cis-kubernetes-1.12' }],
    ['posture cis-kubernetes-9', { help: /unknown framework "cis-kubernetes-9" \(known: cis-kubernetes-1\.12, / }],
    ['posture ../../etc/passwd', { help: /unknown framework "\.\.\/\.\.\/etc\/passwd"/ }],
    ['posture cis-eks-1.8.0 cis-linux-dil-2.0.0', { help: /takes at most one framework/ }],
    ['scan', { name: 'scan', selection: { kind: 'all' } }],
    ['scan all', { name: 'scan', selection: { kind: 'all' } }],
    ['scan hosts', { name: 'scan', selection: { kind: 'hosts' } }],
    ['scan clusters', { name: 'scan', selection: { kind: 'clusters' } }],
    ['scan cluster prod-eu', { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } }],
    ['  scan   cluster   "staging"  ', { name: 'scan', selection: { kind: 'cluster', name: 'staging' } }],
    ['scan cluster nope', { help: /unknown cluster "nope" \(known: prod-eu, staging\)/ }],
    ['scan cluster', { help: /one cluster name/ }],
    ['scan cluster prod-eu extra', { help: /one cluster name/ }],
    ['scan cluster ../../etc/passwd', { help: /unknown cluster/ }],
    ['scan cluster prod-eu; rm -rf /', { help: /one cluster name/ }],
    ['scan cluster $(reboot)', { help: /unknown cluster "\$\(reboot\)"/ }],
    ['scan `id`', { help: /takes `all`/ }],
    ['scan cluster "prod-eu', { help: /quote is not closed/ }],
    ['scan cluster “prod-eu”', { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } }],
    ['scan cluster PROD-EU', { help: /unknown cluster/ }],
    ['explain host.ssh.root-login-disabled', { name: 'explain', checkId: 'host.ssh.root-login-disabled' }],
    ['explain HOST.SSH.ROOT-LOGIN-DISABLED', { name: 'explain', checkId: 'host.ssh.root-login-disabled' }],
    ['explain host.ssh.nope', { help: /unknown check "host.ssh.nope"/ }],
    ['explain', { help: /one check ID/ }],
    ['explain a b', { help: /one check ID/ }],
    ['explain <script>', { help: /unknown check "\?script\?"/ }],
    ['who-can get secrets', { name: 'who-can', verb: 'get', resource: 'secrets' }],
    ['who-can get secrets -n prod', { name: 'who-can', verb: 'get', resource: 'secrets', namespace: 'prod' }],
    ['who-can -n prod create pods/exec', { name: 'who-can', verb: 'create', resource: 'pods/exec', namespace: 'prod' }],
    ['who-can * *', { name: 'who-can', verb: '*', resource: '*' }],
    ['who-can update apps/deployments/scale', { name: 'who-can', verb: 'update', resource: 'apps/deployments/scale' }],
    ['who-can get a/b/c/d', { help: /is not a resource: write it like/ }],
    ['who-can get /healthz', { name: 'who-can', verb: 'get', resource: '/healthz' }],
    ['who-can get /logs/*', { name: 'who-can', verb: 'get', resource: '/logs/*' }],
    ['who-can get /healthz -n prod', { help: /has no namespace/ }],
    ['who-can get /a;b', { help: /not a non-resource URL/ }],
    ['who-can get secrets -n', { help: /takes VERB RESOURCE/ }],
    ['who-can get secrets -n Prod_1', { help: /not a namespace name/ }],
    ['who-can fly secrets', { help: /unknown verb "fly"/ }],
    ['who-can get sec|rets', { help: /is not a resource: write it like/ }],
    ['who-can get', { help: /takes VERB RESOURCE/ }],
    [
      'waive 0123456789abcdef0123 30 vendor patch due in March',
      { name: 'waive', fingerprint: '0123456789abcdef0123', days: 30, reason: 'vendor patch due in March' },
    ],
    [
      'waive 0123456789ABCDEF0123 7 "quoted reason; with $(shell) && stuff"',
      { name: 'waive', fingerprint: '0123456789abcdef0123', days: 7, reason: 'quoted reason; with $(shell) && stuff' },
    ],
    ['waive 0123456789abcdef0123 0 reason here', { help: /days must be a whole number from 1 to 90/ }],
    ['waive 0123456789abcdef0123 91 reason here', { help: /from 1 to 90/ }],
    ['waive 0123456789abcdef0123 -5 reason here', { help: /whole number/ }],
    ['waive 0123456789abcdef0123 1e3 reason here', { help: /whole number/ }],
    ['waive 0123456789abcdef0123 30 ab', { help: /give a reason/ }],
    ['waive nothex 30 a good reason', { help: /is not a fingerprint/ }],
    [
      'waive 3F9A1C0B2D 30 vendor fix due',
      { name: 'waive', fingerprint: '3f9a1c0b2d', days: 30, reason: 'vendor fix due' },
    ],
    ['waive 3f9a1 30 vendor fix due', { help: /at least 6 characters/ }],
    ['waive 0123456789abcdef01234 30 vendor fix due', { help: /is not a fingerprint/ }],
    ['waive 0123456789abcdef0123 30', { help: /takes FINGERPRINT DAYS REASON/ }],
    ['rm -rf /', { help: /unknown command "rm"/ }],
    ['`whoami`', { help: /unknown command "\?whoami\?"/ }],
    ['scan\u0000all', { help: /control characters/ }],
    ['status\nstatus', { help: /takes no arguments/ }],
  ];

  it.each(table)('parses %j', (text, expected) => {
    const got = parseCommand(text, ctx);
    if ('help' in expected) {
      expect(got.name).toBe('help');
      if (expected.help === null) expect(got).toEqual({ name: 'help' });
      else expect(got.name === 'help' && got.problem).toMatch(expected.help);
    } else {
      expect(got).toEqual(expected);
    }
  });

  it('answers help for 5 KB of text without tokenising it', () => {
    const got = parseCommand(`scan ${'x'.repeat(5 * 1024)}`, ctx);
    expect(got).toEqual({
      name: 'help',
      problem: `the command is too long (${5 * 1024 + 5} characters; at most ${MAX_TEXT})`,
    });
  });

  it('answers help for input that is not a string', () => {
    expect(parseCommand(undefined, ctx)).toEqual({ name: 'help' });
    expect(parseCommand({ toString: () => 'scan' }, ctx)).toEqual({ name: 'help' });
  });

  it('never throws when the context itself throws', () => {
    const bad = {
      clusters: [],
      isCheck: () => {
        throw new Error('boom');
      },
    };
    expect(parseCommand('explain host.ssh.x', bad)).toEqual({ name: 'help', problem: 'the command could not be read' });
  });

  it('shortens long names quoted back in the help text', () => {
    const got = parseCommand(`scan cluster ${'a'.repeat(300)}`, ctx);
    expect(got.name === 'help' && got.problem).toMatch(/a{40}…/);
  });
});

describe('Function: tokenize', () => {
  it('keeps quoted white space and shell metacharacters as plain text', () => {
    expect(tokenize(`a "b c" 'd;e' |f`)).toEqual({ ok: true, tokens: ['a', 'b c', 'd;e', '|f'] });
  });
  it('keeps an empty quoted token', () => {
    expect(tokenize('a ""')).toEqual({ ok: true, tokens: ['a', ''] });
  });
});

describe('Function: validateWaiver', () => {
  it('accepts 90 days and collapses white space in the reason', () => {
    expect(validateWaiver(' 90 ', ' a\n  b c ')).toEqual({ ok: true, days: 90, reason: 'a b c' });
  });
  it('refuses a reason above 500 characters, naming the field', () => {
    expect(validateWaiver('3', 'x'.repeat(501))).toMatchObject({ ok: false, field: 'reason' });
  });
});

describe('Function: permissionOf', () => {
  it('classes scan and waive apart from the queries', () => {
    expect(permissionOf({ name: 'scan', selection: { kind: 'all' } })).toBe('scan');
    expect(permissionOf({ name: 'waive', fingerprint: 'f', days: 1, reason: 'r' })).toBe('waive');
    expect(permissionOf({ name: 'status' })).toBe('query');
    expect(permissionOf({ name: 'help' })).toBe('none');
  });
});

describe('who-can: Slack and the CLI share one request parser', () => {
  it.each([
    ['get', 'secrets', 'prod'],
    ['get', 'secrets', 'Prod'],
    ['create', 'pods/exec', undefined],
    ['get', 'deployments.apps', 'web'],
    ['patch', 'apps/deployments', undefined],
    ['get', 'a/b/c/d', undefined],
    ['get', 'sec|rets', undefined],
    ['get', '/healthz', undefined],
    ['get', '/logs/*', undefined],
    ['get', '/healthz', 'prod'],
    ['get', '//double', undefined],
    ['get', 'secrets', '-bad-'],
    ['impersonate', 'serviceaccounts', 'ci'],
  ])('accepts `who-can %s %s` (namespace %s) exactly when the CLI parser does', (verb, target, namespace) => {
    let cli = true;
    try {
      parseRequest({ verb, target, ...(namespace !== undefined ? { namespace } : {}) });
    } catch {
      cli = false;
    }
    const text = `who-can ${verb} ${target}${namespace !== undefined ? ` -n ${namespace}` : ''}`;
    expect([text, parseCommand(text, ctx).name === 'who-can']).toEqual([text, cli]);
  });
});
