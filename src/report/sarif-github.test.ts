/**
 * What GitHub code scanning requires of an uploaded SARIF file ("SARIF support for code scanning", docs.github.com):
 * every result has a location with a physical location whose artifactLocation.uri is a path relative to the
 * repository root and a region with startLine; a rule may give helpUri; partialFingerprints must be stable from one
 * run to the next, or every upload opens new alerts and closes the old ones.
 */
import { CATALOGUE, HOSTILE, result, scenario, snapshot } from '../../test/support/report-scenario';
import type { Result } from '../core/model';
import { artifactPath, checkHelpUri, PROJECT_URL } from './links';
import { FINGERPRINT_KEY, renderSarif } from './sarif';
import type { ReportInput } from './types';

// biome-ignore lint/suspicious/noExplicitAny: SARIF is read back as plain JSON in assertions
type AnyJson = any;

const run = (input: ReportInput): AnyJson => JSON.parse(renderSarif(input)).runs[0];

/** GitHub's requirement on one result, as a list of what is wrong with it (empty: it uploads). */
function githubProblems(r: AnyJson): string[] {
  const problems: string[] = [];
  const loc = r.locations?.[0]?.physicalLocation;
  if (!loc) return ['no physicalLocation'];
  const uri = loc.artifactLocation?.uri;
  if (typeof uri !== 'string' || uri === '') problems.push('no artifactLocation.uri');
  else {
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) problems.push(`uri has a scheme: ${uri}`);
    if (uri.startsWith('/')) problems.push(`absolute uri: ${uri}`);
    if (uri.includes('\\')) problems.push(`backslash in uri: ${uri}`);
    if (uri.split('/').some((seg: string) => seg === '..' || seg === '.' || seg === '')) {
      problems.push(`uri with an empty, "." or ".." segment: ${uri}`);
    }
    // A URI reference: only unreserved characters, "/" and percent-escapes.
    if (!/^([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/.test(uri)) problems.push(`not a URI reference: ${uri}`);
  }
  const line = loc.region?.startLine;
  if (!Number.isInteger(line) || line < 1) problems.push(`region.startLine ${line}`);
  if (typeof r.message?.text !== 'string' || r.message.text === '') problems.push('no message');
  return problems;
}

const expectUploadable = (input: ReportInput) => {
  const results: AnyJson[] = run(input).results;
  expect(results.length).toBeGreaterThan(0);
  expect(results.map((r) => [r.ruleId, githubProblems(r)]).filter(([, p]) => p.length > 0)).toEqual([]);
};

describe('Function: renderSarif (GitHub code scanning)', () => {
  it('gives every result of the report scenario a physical location GitHub accepts', () => {
    expectUploadable(scenario());
  });

  it('gives hostile names a safe relative path (percent-escaped, no "..", no absolute path)', () => {
    const results: Result[] = [
      result({ target: HOSTILE, resource: { kind: HOSTILE, namespace: HOSTILE, name: HOSTILE } }),
      result({ target: '..', resource: { kind: 'Role', namespace: '..', name: '../../etc/passwd' } }),
      result({ target: '/abs', resource: { kind: 'File', name: '/../../etc/shadow' } }),
      result({ target: 'c:\\x', resource: { kind: 'Role', namespace: '.', name: '' } }),
      result({ target: 'n', resource: { kind: 'Role', name: 'r' }, message: 'x' }),
    ].map((r) => ({ ...r, source: undefined }));
    const hostile = results.map((r, i) => (i === 4 ? { ...r, source: { file: '../../../etc/passwd', line: 0 } } : r));
    const targets = [HOSTILE, '..', '/abs', 'c:\\x', 'n'].map((name, i) => ({
      name,
      kind: i === 2 ? ('host' as const) : ('cluster' as const),
      status: 'assessed' as const,
    }));
    expectUploadable({ snapshot: snapshot({ results: hostile, targets }), diff: null, checks: CATALOGUE });
  });

  it('points a result read from a manifest at its file and line', () => {
    const r = { ...result(), source: { file: 'deploy/k8s/ci deployer.yaml', line: 12 } };
    const [out] = run({ snapshot: snapshot({ results: [r] }), diff: null, checks: CATALOGUE }).results;
    expect(out.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/k8s/ci%20deployer.yaml' },
      region: { startLine: 12 },
    });
    // The logical location stays: it names the resource whatever the file.
    expect(out.locations[0].logicalLocations[0].fullyQualifiedName).toBe('prod/ServiceAccount/ci/deployer');
  });

  it('gives results not read from a file a stable path per target, namespace, kind and name', () => {
    const cluster = snapshot({
      targets: [
        { name: 'prod', kind: 'cluster', status: 'assessed' },
        { name: 'node-1', kind: 'host', status: 'assessed' },
      ],
      results: [
        result(),
        result({ resource: { kind: 'Group', name: 'oncall' } }),
        result({
          checkId: 'host.ssh.root-login-disabled',
          target: 'node-1',
          resource: { kind: 'SshdConfig', name: 'sshd' },
        }),
        result({
          checkId: 'host.files.pki-keys',
          target: 'node-1',
          resource: { kind: 'File', name: '/etc/kubernetes/pki/sa.key' },
        }),
        result({ checkId: 'host.account.root-locked', target: 'node-1', resource: { kind: 'User', name: 'toor' } }),
        result({
          checkId: 'host.ssh.root-login-disabled',
          target: 'node-1',
          resource: { kind: 'Host', name: 'node-1' },
        }),
      ],
    });
    const uris = run({ snapshot: cluster, diff: null, checks: CATALOGUE }).results.map(
      (r: AnyJson) =>
        `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`,
    );
    expect(uris.sort()).toEqual(
      [
        'k8s/prod/ci/ServiceAccount/deployer.yaml:1',
        'k8s/prod/_cluster/Group/oncall.yaml:1',
        'hosts/node-1/etc/ssh/sshd_config:1',
        'hosts/node-1/etc/kubernetes/pki/sa.key:1',
        'hosts/node-1/etc/passwd:1',
        'hosts/node-1/Host/node-1:1',
      ].sort(),
    );
  });

  it('keeps partialFingerprints and locations the same from one run to the next', () => {
    const first = scenario();
    const second = scenario();
    second.snapshot = {
      ...second.snapshot,
      scanId: '20261201T021756Z-bbbbbb',
      startedAt: '2026-12-01T02:17:56.000Z',
      finishedAt: '2026-12-01T02:18:10.000Z',
      results: second.snapshot.results.map((r) => ({ ...r, message: `${r.message} (again)` })),
    };
    const ids = (input: ReportInput) =>
      run(input).results.map((r: AnyJson) => [r.ruleId, r.partialFingerprints, r.locations[0].physicalLocation]);
    expect(ids(second)).toEqual(ids(first));
    for (const [, fp] of ids(first)) expect(fp).toEqual({ [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{20}$/) });
  });

  it('gives the tool an informationUri and every rule a helpUri into the check catalogue', () => {
    const orphan = result({ checkId: 'x.unlisted', message: 'Something.' });
    const driver = run({ snapshot: snapshot({ results: [orphan] }), diff: null, checks: CATALOGUE }).tool.driver;
    expect(driver.informationUri).toBe(PROJECT_URL);
    for (const rule of driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/[^\s]+\/docs\/checks\.md(#[a-z0-9-]+)?$/);
    const admin = driver.rules.find((r: AnyJson) => r.id === 'k8s.rbac.cluster-admin');
    expect(admin.helpUri).toBe(`${PROJECT_URL}/blob/main/docs/checks.md#k8srbaccluster-admin`);
    expect(checkHelpUri('host.ssh.root-login-disabled')).toMatch(/#hostsshroot-login-disabled$/);
  });
});

describe('Function: artifactPath', () => {
  it.each([
    ['a/b.yaml', 'a/b.yaml'],
    ['a b/ü.yaml', 'a%20b/%C3%BC.yaml'],
    ['../x/./y//z', '_/x/_/y/_/z'],
    ['/etc/passwd', 'etc/passwd'],
    ['a\\b', 'a%5Cb'],
  ])('%s -> %s', (input, expected) => {
    expect(artifactPath(input)).toBe(expected);
  });
});
