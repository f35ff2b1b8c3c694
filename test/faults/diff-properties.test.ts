/**
 * Property-based: random sequences of scans with random outages through compare() (the diff every entry point
 * uses), against an independent model of what is open. Invariants: resolved only from an assessed pass or a
 * confirmed absence; unassessed never counted as resolved or regressed (and always carried forward); waivers
 * honoured until they expire, and a finding whose waiver expired comes back as a regression.
 */
import fc from 'fast-check';
import { compare } from '../../src/core/diff';
import { fingerprint } from '../../src/core/fingerprint';
import type { Result, Snapshot, TargetSummary, Waiver } from '../../src/core/model';
import { record } from './support/ledger';

const TARGETS = ['node-a', 'node-b', 'node-c'];
const CHECKS = ['host.ssh.root-login-disabled', 'host.ssh.password-auth-disabled'];
const RESOURCES = ['r1', 'r2', 'r3'];
const DAY = 86_400_000;

type Cell = 'pass' | 'fail' | 'absent';
interface ScanPlan {
  /** Per target: reachable, unreachable, or reachable with one check unknown. */
  targets: ('up' | 'down' | 'check0-unknown' | 'check1-unknown')[];
  /** Per target, check, resource. */
  cells: Cell[][][];
}

const cell = fc.constantFrom<Cell>('pass', 'fail', 'fail', 'absent');
const plan: fc.Arbitrary<ScanPlan> = fc.record({
  targets: fc.array(fc.constantFrom('up', 'up', 'up', 'down', 'check0-unknown', 'check1-unknown'), {
    minLength: TARGETS.length,
    maxLength: TARGETS.length,
  }),
  cells: fc.array(
    fc.array(fc.array(cell, { minLength: RESOURCES.length, maxLength: RESOURCES.length }), {
      minLength: CHECKS.length,
      maxLength: CHECKS.length,
    }),
    { minLength: TARGETS.length, maxLength: TARGETS.length },
  ),
}) as fc.Arbitrary<ScanPlan>;

/** Waivers on some findings: which (target, check, resource) and for how many days from the start. */
const waiverPlan = fc.array(
  fc.record({
    t: fc.nat(TARGETS.length - 1),
    c: fc.nat(CHECKS.length - 1),
    r: fc.nat(RESOURCES.length - 1),
    days: fc.integer({ min: 0, max: 6 }),
  }),
  { maxLength: 4 },
);

const fpOf = (t: number, c: number, r: number) =>
  fingerprint(CHECKS[c], TARGETS[t], { kind: 'Resource', name: RESOURCES[r] });

function scanOf(p: ScanPlan, at: Date): { targets: TargetSummary[]; results: Result[] } {
  const targets: TargetSummary[] = [];
  const results: Result[] = [];
  p.targets.forEach((state, t) => {
    const target = TARGETS[t];
    targets.push({
      name: target,
      kind: 'host',
      status: state === 'down' ? 'unreachable' : state === 'up' ? 'assessed' : 'partial',
      ...(state === 'up' ? {} : { reason: `${state} at ${at.toISOString()}` }),
    });
    CHECKS.forEach((checkId, c) => {
      if (state === 'down' || state === `check${c}-unknown`) {
        const resource = { kind: 'Host', name: target };
        results.push({
          checkId,
          status: 'unknown',
          severity: 'high',
          target,
          resource,
          message: `Could not assess ${target}: ${state}.`,
          fingerprint: fingerprint(checkId, target, resource),
        });
        return;
      }
      RESOURCES.forEach((name, r) => {
        const v = p.cells[t][c][r];
        if (v === 'absent') return;
        results.push({
          checkId,
          status: v,
          severity: 'high',
          target,
          resource: { kind: 'Resource', name },
          message: `Resource ${name} ${v}s.`,
          fingerprint: fpOf(t, c, r),
        });
      });
    });
  });
  return { targets, results };
}

describe('Function: compare (property-based, random scans with random outages)', () => {
  it('resolves only on evidence, never counts the unassessed, and honours waivers until expiry', () => {
    let scans = 0;
    let falseResolved = 0;
    fc.assert(
      fc.property(fc.array(plan, { minLength: 2, maxLength: 7 }), waiverPlan, (plans, wplan) => {
        const t0 = Date.parse('2026-11-01T02:00:00.000Z');
        const waivers: Waiver[] = wplan.map((w) => ({
          fingerprint: fpOf(w.t, w.c, w.r),
          reason: 'accepted for the test',
          expires: new Date(t0 + w.days * DAY + DAY / 2).toISOString(),
          createdBy: 'UTEST',
          createdAt: new Date(t0).toISOString(),
        }));
        // The model: fingerprints open (failing when last assessed), and whether they were waived then.
        const open = new Map<string, { waived: boolean }>();
        let previous: Snapshot | null = null;
        plans.forEach((p, i) => {
          scans++;
          const now = new Date(t0 + i * DAY);
          const { targets, results } = scanOf(p, now);
          const out = compare(
            previous,
            { startedAt: now.toISOString(), targets, checks: CHECKS, results },
            waivers,
            now,
          );
          const d = out.diff;
          const waivedNow = (fp: string) => waivers.some((w) => w.fingerprint === fp && Date.parse(w.expires) > +now);

          const expectResolved = new Set<string>();
          const expectUnassessed = new Set<string>();
          const expectRegressions = new Set<string>();
          const expectWaived = new Set<string>();
          for (const [t, state] of p.targets.entries())
            for (let c = 0; c < CHECKS.length; c++)
              for (let r = 0; r < RESOURCES.length; r++) {
                const fp = fpOf(t, c, r);
                const assessed = state === 'up' || (state !== 'down' && state !== `check${c}-unknown`);
                const was = open.get(fp);
                if (!assessed) {
                  if (was) expectUnassessed.add(fp);
                  continue;
                }
                const v = p.cells[t][c][r];
                if (v !== 'fail') {
                  if (was) expectResolved.add(fp);
                  open.delete(fp);
                  continue;
                }
                const w = waivedNow(fp);
                if (w) expectWaived.add(fp);
                else if (!was || was.waived) expectRegressions.add(fp);
                open.set(fp, { waived: w });
              }

          const resolved = new Set(d.resolved.map((x) => x.previous.fingerprint));
          for (const fp of resolved) if (!expectResolved.has(fp)) falseResolved++;
          expect([...resolved].sort()).toEqual([...expectResolved].sort());
          // Resolution reasons carry their evidence.
          for (const x of d.resolved) {
            if (x.reason === 'passed') expect(x.current?.status).toMatch(/^(pass|not-applicable)$/);
            else expect(results.some((r) => r.fingerprint === x.previous.fingerprint)).toBe(false);
          }
          expect(new Set(d.unassessed.map((x) => x.previous.fingerprint))).toEqual(expectUnassessed);
          expect(new Set(out.carried.map((x) => x.fingerprint))).toEqual(expectUnassessed);
          expect(new Set(d.regressions.map((x) => x.result.fingerprint))).toEqual(expectRegressions);
          expect(d.regressions.every((x) => x.result.status === 'fail')).toBe(true);
          expect(new Set(d.waived.map((x) => x.fingerprint))).toEqual(expectWaived);
          for (const u of expectUnassessed) {
            expect(resolved.has(u)).toBe(false);
            expect(expectRegressions.has(u)).toBe(false);
          }
          expect(d.baseline).toBe(i === 0);

          previous = {
            schemaVersion: 1,
            scanId: `scan-${i}`,
            scope: 'prop',
            startedAt: now.toISOString(),
            finishedAt: now.toISOString(),
            trigger: 'test',
            tool: { name: 'compliance-bot', version: 'test' },
            targets,
            checks: CHECKS,
            results: out.results,
            carried: out.carried,
            previousSha256: null,
          };
        });
      }),
      { numRuns: 200, seed: 20261130 },
    );
    expect(falseResolved).toBe(0);
    record({
      area: 'Property',
      scenario: `diff over random scan sequences with outages and waivers (200 runs, ${scans} scans)`,
      outcome: 'resolved only on evidence; unassessed carried; waivers honoured until expiry',
      falseResolved,
    });
  });
});
