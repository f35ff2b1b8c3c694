import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { evaluateCheck } from '../src/core/engine';
import {
  CATEGORIES,
  DEFAULT_CHECK_OPTIONS,
  FRAMEWORKS,
  type Result,
  SEVERITIES,
  TARGET_KINDS,
} from '../src/core/model';
import { type CheckCases, casesOf, type ExpectedResult } from '../test/support/cases';
import { COLLECTED_FACTS } from '../test/support/collected-facts';
import { checks } from './index';

function findCaseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return findCaseFiles(p);
    return e.name.endsWith('.cases.ts') ? [p] : [];
  });
}

const caseFiles = findCaseFiles(__dirname);
const byCheck = new Map<string, CheckCases[]>();
for (const file of caseFiles) {
  for (const one of casesOf(require(file), relative(__dirname, file))) {
    const list = byCheck.get(one.check.id) ?? [];
    list.push(one);
    byCheck.set(one.check.id, list);
  }
}

/**
 * Checks that judge something no control of the frameworks' data names, with the reason. Every other check has at
 * least one benchmark reference.
 */
const NO_BENCHMARK: Record<string, string> = {
  'host.sudo.no-nopasswd': 'CIS Distribution Independent Linux 2.0.0 has no sudo control',
  'host.sudo.use-pty': 'CIS Distribution Independent Linux 2.0.0 has no sudo control',
  'host.sudo.logfile': 'CIS Distribution Independent Linux 2.0.0 has no sudo control',
  'host.os.auto-security-updates': 'no control of the frameworks data asks for automatic updates',
  'k8s.eks.supported-version': 'the CIS Amazon EKS Benchmark 1.8.0 has no control on the Kubernetes version',
};

describe('Registry: checks/index.ts', () => {
  it('lists only registered checks, without a benchmark reference, as having none', () => {
    for (const id of Object.keys(NO_BENCHMARK)) expect(checks.find((c) => c.id === id)?.benchmarks).toEqual([]);
  });

  it('has no duplicate IDs or aliases', () => {
    const ids = checks.flatMap((c) => [c.id, ...(c.aliases ?? [])]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s is well-formed', (id, c) => {
    expect(id).toMatch(/^(host|k8s)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(SEVERITIES).toContain(c.severity);
    expect(CATEGORIES).toContain(c.category);
    expect(TARGET_KINDS).toContain(c.targetKind);
    expect(c.title.trim().length).toBeGreaterThan(0);
    expect(c.title.length).toBeLessThanOrEqual(150);
    expect(c.remediation.trim().length).toBeGreaterThan(20);
    // The EC2 checks judge AWS settings no benchmark of the frameworks' data names for each of them (IMDS, EBS, the
    // SSM agent): their evidence names the AWS Foundational Security Best Practices control instead.
    if (!(id in NO_BENCHMARK) && c.category !== 'ec2') expect(c.benchmarks.length).toBeGreaterThan(0);
    for (const b of c.benchmarks) {
      expect(FRAMEWORKS).toContain(b.framework);
      expect(b.version).toMatch(/\S/);
      expect(b.control).toMatch(/\S/);
    }
    expect(c.requires.length).toBeGreaterThan(0);
    for (const key of [...c.requires, ...(c.uses ?? [])]) expect(COLLECTED_FACTS).toHaveProperty([key]);
  });

  it.each(checks.map((c) => [c.id] as const))('%s has a failing and a passing case', (id) => {
    const cases = (byCheck.get(id) ?? []).flatMap((c) => c.cases);
    expect(cases.some((c) => c.expect.some((e) => e.status === 'fail'))).toBe(true);
    expect(cases.some((c) => c.expect.some((e) => e.status === 'pass'))).toBe(true);
  });

  it('every cases file is for a registered check', () => {
    const registered = new Set(checks.map((c) => c.id));
    expect([...byCheck.keys()].filter((id) => !registered.has(id))).toEqual([]);
  });
});

function matches(r: Result, e: ExpectedResult): boolean {
  if (r.status !== e.status) return false;
  if (e.kind && r.resource.kind !== e.kind) return false;
  if (e.resource !== undefined) {
    const name = r.resource.namespace ? `${r.resource.namespace}/${r.resource.name}` : r.resource.name;
    if (name !== e.resource) return false;
  }
  if (e.severity && r.severity !== e.severity) return false;
  if (e.message && !r.message.includes(e.message)) return false;
  if (e.evidence && !holds(r.evidence, e.evidence)) return false;
  return true;
}

/** `actual` holds `expected`: the same primitive, the same-length array holding each element, or an object holding each given key. */
function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => holds(actual[i], x));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).every(([k, v]) => (v === undefined ? !(k in a) : k in a && holds(a[k], v)));
  }
  return Object.is(actual, expected);
}

describe.each([...byCheck.entries()].map(([id, list]) => [id, list] as const))('Check: %s', (_id, list) => {
  const all = list.flatMap((l) => l.cases.map((c) => ({ check: l.check, c })));
  it.each(all.map(({ check, c }) => [c.name, check, c] as const))('%s', (_name, check, c) => {
    const target = c.target ?? { name: check.targetKind === 'host' ? 'node-1' : 'demo', kind: check.targetKind };
    const results = evaluateCheck(
      check,
      { target, facts: c.facts },
      {
        now: new Date(c.now ?? '2026-06-01T00:00:00Z'),
        options: { ...DEFAULT_CHECK_OPTIONS, ...c.options },
        checksInScan: c.checksInScan ?? checks.map((k) => k.id),
      },
    );
    for (const e of c.expect) {
      if (!results.some((r) => matches(r, e))) {
        throw new Error(`expected ${JSON.stringify(e)} among:\n${JSON.stringify(results, null, 2)}`);
      }
    }
    if (c.exact !== false) expect(results.length).toBe(c.expect.length);
    for (const r of results) expect(r.message).toMatch(/\.$/);
  });
});
