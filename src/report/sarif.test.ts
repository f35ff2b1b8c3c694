import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { baselineScenario, CATALOGUE, HOSTILE, result, scenario, snapshot } from '../../test/support/report-scenario';
import { FINGERPRINT_KEY, fullyQualifiedName, renderSarif, ruleName, sarifLevel } from './sarif';

const schema = JSON.parse(readFileSync(join(__dirname, '../../test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

// biome-ignore lint/suspicious/noExplicitAny: SARIF is read back as plain JSON in assertions
type AnyJson = any;

function parse(text: string): AnyJson {
  return JSON.parse(text);
}

function expectValid(text: string): void {
  const ok = validate(parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('Function: renderSarif', () => {
  it('validates against the official SARIF 2.1.0 schema for a scan with a diff', () => {
    expectValid(renderSarif(scenario()));
  });

  it('validates against the schema for a baseline scan, an empty scan and hostile text', () => {
    expectValid(renderSarif(baselineScenario()));
    expectValid(renderSarif({ snapshot: snapshot(), diff: null, checks: [] }));
    const hostile = result({
      target: HOSTILE,
      resource: { kind: HOSTILE, namespace: HOSTILE, name: HOSTILE },
      message: HOSTILE,
      evidence: { [HOSTILE]: HOSTILE },
    });
    expectValid(renderSarif({ snapshot: snapshot({ results: [hostile] }), diff: null, checks: CATALOGUE }));
  });

  it('rejects a log the schema forbids, so the validation is not vacuous', () => {
    const log = parse(renderSarif(scenario()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes every check as a rule with severity, benchmarks and a numeric security-severity', () => {
    const run = parse(renderSarif(scenario())).runs[0];
    expect(run.tool.driver.name).toBe('compliance-bot');
    expect(run.tool.driver.version).toBe('0.1.0');
    const rules = run.tool.driver.rules;
    expect(rules.map((r: AnyJson) => r.id)).toEqual(CATALOGUE.map((c) => c.id).sort());
    const admin = rules.find((r: AnyJson) => r.id === 'k8s.rbac.cluster-admin');
    expect(admin).toMatchObject({
      name: 'K8sRbacClusterAdmin',
      shortDescription: { text: 'Only the control plane is bound to cluster-admin' },
      help: { text: CATALOGUE[0].remediation },
      defaultConfiguration: { level: 'error' },
      properties: { severity: 'critical', category: 'rbac', 'security-severity': '9.5' },
    });
    expect(admin.properties.benchmarks).toContainEqual({
      framework: 'CIS Kubernetes Benchmark',
      version: '1.12',
      control: '5.1.1',
    });
    const scores = Object.fromEntries(
      rules.map((r: AnyJson) => [r.properties.severity, r.properties['security-severity']]),
    );
    expect(scores).toEqual({ critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' });
  });

  it('emits failing and unknown results only, worst first, each pointing at its rule', () => {
    const run = parse(renderSarif(scenario())).runs[0];
    const results: AnyJson[] = run.results;
    expect(results.map((r) => [r.ruleId, r.kind, r.level])).toEqual([
      ['k8s.rbac.cluster-admin', 'fail', 'error'],
      ['host.ssh.root-login-disabled', 'open', 'none'],
      ['k8s.rbac.secrets-read', 'fail', 'error'],
      ['k8s.netpol.default-deny-ingress', 'open', 'none'],
      ['k8s.netpol.default-deny-ingress', 'fail', 'warning'],
      ['host.ssh.max-auth-tries', 'fail', 'note'],
    ]);
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('leaves unknown results out when includeUnknown is false', () => {
    const results: AnyJson[] = parse(renderSarif(scenario(), { includeUnknown: false })).runs[0].results;
    expect(results.every((r) => r.kind === 'fail')).toBe(true);
    expect(results).toHaveLength(4);
  });

  it('carries our fingerprint, a physical location and a logical location of target and resource', () => {
    const s = scenario();
    const r = parse(renderSarif(s)).runs[0].results[0];
    const admin = s.snapshot.results.find((x) => x.checkId === 'k8s.rbac.cluster-admin')!;
    expect(r.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: admin.fingerprint });
    expect(r.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'k8s/prod/ci/ServiceAccount/deployer.yaml' },
          region: { startLine: 1 },
        },
        logicalLocations: [
          { name: 'deployer', fullyQualifiedName: 'prod/ServiceAccount/ci/deployer', kind: 'resource' },
        ],
      },
    ]);
    expect(r.message.text).toBe(admin.message);
  });

  it('marks results new, updated or unchanged against the baseline', () => {
    const results: AnyJson[] = parse(renderSarif(scenario())).runs[0].results;
    const state = Object.fromEntries(results.map((r) => [`${r.ruleId} ${r.kind}`, r.baselineState]));
    expect(state).toEqual({
      'k8s.rbac.cluster-admin fail': 'new',
      'k8s.netpol.default-deny-ingress fail': 'updated',
      'k8s.rbac.secrets-read fail': 'unchanged',
      'host.ssh.max-auth-tries fail': 'unchanged',
      'host.ssh.root-login-disabled open': 'new',
      'k8s.netpol.default-deny-ingress open': 'new',
    });
  });

  it('sets no baselineState on a first scan or without a diff', () => {
    for (const input of [baselineScenario(), { ...scenario(), diff: null }]) {
      const results: AnyJson[] = parse(renderSarif(input)).runs[0].results;
      expect(results.length).toBeGreaterThan(0);
      expect(results.some((r) => 'baselineState' in r)).toBe(false);
    }
  });

  it('records a waiver as an external suppression with its reason, author and end', () => {
    const results: AnyJson[] = parse(renderSarif(scenario())).runs[0].results;
    const waived = results.find((r) => r.ruleId === 'host.ssh.max-auth-tries');
    expect(waived.suppressions).toEqual([
      {
        kind: 'external',
        justification: 'legacy bastion, replaced in Q1 (waived by U123 until 2027-01-31T00:00:00.000Z)',
        properties: { expires: '2027-01-31T00:00:00.000Z', createdBy: 'U123' },
      },
    ]);
  });

  it('reports unreachable and partial targets as tool execution notifications', () => {
    const inv = parse(renderSarif(scenario())).runs[0].invocations[0];
    expect(inv.toolExecutionNotifications.map((n: AnyJson) => [n.level, n.message.text])).toEqual([
      ['error', 'Target node-2 (host) is unreachable: SSM: instance i-0abc is not connected.'],
      ['warning', 'Target prod (cluster) is partial: k8s.networkPolicies: forbidden (403).'],
    ]);
    expect(inv.startTimeUtc).toBe('2026-11-30T02:17:56.000Z');
  });

  it('adds a minimal rule for a result whose check is not in the catalogue, and resolves aliases', () => {
    const orphan = result({ checkId: 'x.unlisted', message: 'Something.' });
    const aliased = result({ checkId: 'host.ssh.no-root-login', target: 'n', message: 'Root can log in.' });
    const text = renderSarif({ snapshot: snapshot({ results: [orphan, aliased] }), diff: null, checks: CATALOGUE });
    expectValid(text);
    const run = parse(text).runs[0];
    const byRule = Object.fromEntries(
      run.results.map((r: AnyJson) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id]),
    );
    expect(byRule).toEqual({
      'x.unlisted': 'x.unlisted',
      'host.ssh.root-login-disabled': 'host.ssh.root-login-disabled',
    });
  });

  it('is the same bytes for the same input', () => {
    expect(renderSarif(scenario())).toBe(renderSarif(scenario()));
  });

  it('matches the snapshot', () => {
    expect(renderSarif(scenario())).toMatchSnapshot();
  });
});

describe('Function: helpers', () => {
  it('maps severities to SARIF levels', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
  });

  it('builds rule names and fully qualified names', () => {
    expect(ruleName('host.ssh.root-login-disabled')).toBe('HostSshRootLoginDisabled');
    expect(fullyQualifiedName(result({ resource: { kind: 'ClusterRole', name: 'admin' } }))).toBe(
      'prod/ClusterRole/admin',
    );
  });
});
