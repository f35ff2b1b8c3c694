import { checks } from '../../checks';
import { result, snapshot } from '../../test/slack/fixtures';
import { decodeSummary, encodeSummary, summarize } from '../store/summary';
import { FRAMEWORK_DATA, findFramework } from './frameworks/data';
import { frameworkStatus } from './frameworks/status';
import type { FrameworkData } from './frameworks/types';
import type { Result, Snapshot, TargetKind } from './model';
import { defaultFrameworks, frameworkDataHash, frameworkPosture, sectionsFor, snapshotPosture } from './posture';

const framework = (id: string) => findFramework(id)!;
const CIS = framework('cis-kubernetes-1.12');
const LINUX = framework('cis-linux-dil-2.0.0');
const kinds = (...k: TargetKind[]) => new Set<TargetKind>(k);
const kindOf = new Map(checks.map((c) => [c.id, c.targetKind]));

/** The kinds of target whose checks judge a section's controls. */
function judgedBy(f: FrameworkData, section: string): Set<TargetKind> {
  const out = new Set<TargetKind>();
  for (const c of f.controls.filter((x) => x.section === section)) {
    for (const id of c.checks) out.add(kindOf.get(id)!);
  }
  return out;
}

const hostOnly = (f: FrameworkData, section: string) => {
  const k = judgedBy(f, section);
  return k.size > 0 && [...k].every((x) => x === 'host');
};

function hostSnapshot(results: Result[], ran: string[]): Snapshot {
  return snapshot({
    scope: 'hosts/workers',
    targets: [{ name: 'node-1', kind: 'host', status: 'assessed' }],
    checks: ran,
    results,
  });
}

describe('Function: sectionsFor', () => {
  it('gives a host scope the CIS Kubernetes sections only host checks judge, and a cluster scope the others', () => {
    const host = sectionsFor(CIS, kinds('host'), checks)!;
    const cluster = sectionsFor(CIS, kinds('cluster'), checks)!;
    expect(host).toEqual(CIS.sections.filter((s) => hostOnly(CIS, s.id)).map((s) => s.id));
    expect(host).toEqual(expect.arrayContaining(['1.1', '4.1']));
    expect(cluster).toEqual(expect.arrayContaining(['1.2', '5.1', '5.5']));
    // Together they are the whole framework, each section once.
    expect([...host, ...cluster].sort()).toEqual(CIS.sections.map((s) => s.id).sort());
  });

  it('counts a framework whole where the scope has every kind that judges it, and not at all where it has none', () => {
    expect(sectionsFor(CIS, kinds('host', 'cluster'), checks)).toBeUndefined();
    expect(sectionsFor(LINUX, kinds('host'), checks)).toBeUndefined();
    expect(sectionsFor(LINUX, kinds('cluster'), checks)).toEqual([]);
    // A scan without targets is counted whole: everything in it is unknown, nothing is hidden.
    expect(sectionsFor(CIS, kinds(), checks)).toBeUndefined();
  });
});

describe('Function: sectionsFor, on small frameworks', () => {
  const control = (id: string, section: string, checks: string[]) => ({
    id,
    title: id,
    section,
    assessment: 'automated' as const,
    level: 1 as const,
    checks,
  });
  const small = (controls: ReturnType<typeof control>[]): FrameworkData => ({
    id: 'small-1',
    framework: 'CIS Kubernetes Benchmark',
    version: '1',
    sections: [
      { id: 'S1', title: 'One' },
      { id: 'S2', title: 'Two' },
    ],
    controls,
  });
  const catalogue = [
    { id: 'h1', targetKind: 'host' as const },
    { id: 'c1', targetKind: 'cluster' as const },
    { id: 'c2', targetKind: 'cluster' as const },
  ];

  it('ignores a check the catalogue does not hold: a host-only section stays host-only', () => {
    const f = small([control('1', 'S1', ['h1', 'retired']), control('2', 'S2', ['c1'])]);
    expect(sectionsFor(f, kinds('host'), catalogue)).toEqual(['S1']);
    expect(sectionsFor(f, kinds('cluster'), catalogue)).toEqual(['S2']);
  });

  it('counts the framework whole when the scope’s side holds every section (host checks only in mixed ones)', () => {
    const f = small([control('1', 'S1', ['h1', 'c1']), control('2', 'S2', ['c2'])]);
    expect(sectionsFor(f, kinds('cluster'), catalogue)).toBeUndefined();
    expect(sectionsFor(f, kinds('host'), catalogue)).toEqual([]);
  });
});

describe('Function: defaultFrameworks', () => {
  const ids = (k: Set<TargetKind>, eks: boolean) => defaultFrameworks(k, eks).map((f) => f.id);

  it('picks the frameworks of the scope’s kind of target, the EKS benchmark for EKS', () => {
    expect(ids(kinds('cluster'), false)).toEqual(['cis-kubernetes-1.12', 'nsa-cisa-kubernetes-hardening-1.2']);
    expect(ids(kinds('cluster'), true)).toEqual([
      'cis-kubernetes-1.12',
      'cis-eks-1.8.0',
      'nsa-cisa-kubernetes-hardening-1.2',
    ]);
    expect(ids(kinds('host'), false)).toEqual(['cis-kubernetes-1.12', 'cis-linux-dil-2.0.0']);
    expect(ids(kinds(), true)).toEqual([]);
  });
});

describe('Function: frameworkPosture', () => {
  const ran = checks.filter((c) => c.targetKind === 'host').map((c) => c.id);
  const pass = (checkId: string, i: number): Result => ({
    ...result(i, { checkId, target: 'node-1' }),
    status: 'pass',
  });

  it('counts what the status derivation says, whole or over the sections asked for', () => {
    const snap = hostSnapshot(
      ran.map((id, i) => pass(id, i)),
      ran,
    );
    const status = frameworkStatus(CIS, { snapshot: snap, checks });
    const [whole, part] = frameworkPosture(
      [{ framework: CIS }, { framework: CIS, sections: ['1.1', '4.1'] }],
      snap,
      checks,
    );
    expect(whole).toEqual({ id: CIS.id, data: frameworkDataHash(CIS), counts: status.counts, failing: [] });
    const sections = status.sections.filter((s) => s.id === '1.1' || s.id === '4.1');
    expect(part.sections).toEqual(['1.1', '4.1']);
    expect(part.counts.total).toBe(sections.reduce((n, s) => n + s.counts.total, 0));
    expect(part.counts.pass).toBe(sections.reduce((n, s) => n + s.counts.pass, 0));
    expect(frameworkPosture([{ framework: CIS, sections: [] }], snap, checks)).toEqual([]);
  });

  it('never counts a control as pass while one of its checks is unknown', () => {
    // CIS Linux 5.2.16 (idle timeout) is judged by two checks: one passes, the other could not be assessed.
    const judging = LINUX.controls.find((c) => c.id === '5.2.16')!.checks;
    expect(judging.length).toBeGreaterThan(1);
    const results = ran.map((id, i) => pass(id, i));
    const i = results.findIndex((r) => r.checkId === judging[1]);
    results[i] = { ...results[i], status: 'unknown', message: 'Could not assess: sshd -T failed.' };
    const [posture] = frameworkPosture([{ framework: LINUX }], hostSnapshot(results, ran), checks);
    const [allPass] = frameworkPosture(
      [{ framework: LINUX }],
      hostSnapshot(
        ran.map((id, n) => pass(id, n)),
        ran,
      ),
      checks,
    );
    expect(posture.counts.unknown).toBe(allPass.counts.unknown + 1);
    expect(posture.counts.pass).toBe(allPass.counts.pass - 1);
  });

  it('lists the failing controls in the framework’s order', () => {
    const results = ran.map((id, i) => pass(id, i));
    for (const id of ['host.ssh.root-login-disabled', 'host.ssh.max-auth-tries']) {
      const i = results.findIndex((r) => r.checkId === id);
      results[i] = { ...results[i], status: 'fail' };
    }
    const [posture] = frameworkPosture([{ framework: LINUX }], hostSnapshot(results, ran), checks);
    expect(posture.failing).toEqual(['5.2.7', '5.2.10']);
    expect(posture.counts.fail).toBe(2);
  });
});

describe('Function: frameworkDataHash', () => {
  it('names the data the statuses were derived with: another check on a control is other data', () => {
    const copy: FrameworkData = JSON.parse(JSON.stringify(CIS));
    expect(frameworkDataHash(copy)).toBe(frameworkDataHash(CIS));
    expect(frameworkDataHash(copy)).toMatch(/^[0-9a-f]{12}$/);
    const more: FrameworkData = JSON.parse(JSON.stringify(CIS));
    more.controls[0].checks = [...more.controls[0].checks, 'host.files.new-check'];
    expect(frameworkDataHash(more)).not.toBe(frameworkDataHash(CIS));
    // Titles and guidance do not decide a status.
    const retitled: FrameworkData = JSON.parse(JSON.stringify(CIS));
    retitled.controls[0].title = 'another title';
    expect(frameworkDataHash(retitled)).toBe(frameworkDataHash(CIS));
  });
});

describe('Function: snapshotPosture', () => {
  it('records the configured frameworks, each over the sections the scope’s targets can judge', () => {
    const snap = hostSnapshot([], []);
    const out = snapshotPosture(
      snap,
      { ids: ['cis-linux-dil-2.0.0', 'cis-kubernetes-1.12', 'cis-eks-1.8.0'], eks: false },
      checks,
    );
    expect(out.map((p) => [p.id, p.sections])).toEqual([
      ['cis-linux-dil-2.0.0', undefined],
      ['cis-kubernetes-1.12', sectionsFor(CIS, kinds('host'), checks)],
      ['cis-eks-1.8.0', sectionsFor(framework('cis-eks-1.8.0'), kinds('host'), checks)],
    ]);
    expect(snapshotPosture(snap, { ids: [], eks: false }, checks)).toEqual([]);
  });

  it('skips a framework ID the data does not hold, and records the others', () => {
    const out = snapshotPosture(
      hostSnapshot([], []),
      { ids: ['no-such-framework', 'cis-linux-dil-2.0.0'], eks: false },
      checks,
    );
    expect(out.map((p) => p.id)).toEqual(['cis-linux-dil-2.0.0']);
  });
});

describe('Function: summarize (posture)', () => {
  // Hosts and a cluster: every framework counted whole, the largest posture a summary keeps.
  const snap = snapshot({
    scope: 'fleet',
    checks: checks.map((c) => c.id),
    targets: [
      { name: 'prod', kind: 'cluster', status: 'assessed' },
      { name: 'node-1', kind: 'host', status: 'assessed' },
    ],
  });

  it('keeps the posture small, and reads a summary without it as not recorded', () => {
    const all = (s: Snapshot) => snapshotPosture(s, { ids: FRAMEWORK_DATA.map((f) => f.id), eks: true }, checks);
    const withPosture = encodeSummary(summarize(snap, 'k', 'a'.repeat(64), all));
    const without = encodeSummary(summarize(snap, 'k', 'a'.repeat(64)));
    expect(withPosture.length - without.length).toBeLessThan(2_000);
    expect(decodeSummary(withPosture, 'k').frameworks?.map((f) => f.id)).toEqual(FRAMEWORK_DATA.map((f) => f.id));
    expect(decodeSummary(without, 'k').frameworks).toBeUndefined();
  });

  it('refuses a summary whose counts are not counts, naming the field', () => {
    const bad = JSON.parse(encodeSummary(summarize(snap, 'k', 'a'.repeat(64), () => [])).toString());
    bad.frameworks = [{ id: 'cis-kubernetes-1.12', data: frameworkDataHash(CIS), counts: { pass: -1 }, failing: [] }];
    expect(() => decodeSummary(Buffer.from(JSON.stringify(bad)), 'k')).toThrow(
      /k: not a valid snapshot summary: frameworks\.0\.counts/,
    );
  });
});
