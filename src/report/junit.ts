/**
 * JUnit XML for CI systems: one <testsuite> per target, one <testcase> per result (classname = check ID,
 * name = resource). fail -> <failure> with the message and the remediation; unknown -> <error> with the reason
 * ("could not look" shows in red on a CI dashboard, never as a skip); not-applicable -> <skipped>. Valid against
 * the common JUnit schema (Jenkins xUnit's junit-10.xsd): <testsuites> carries only name, time, tests, failures
 * and errors. All text is escaped for XML 1.0; characters XML cannot carry are replaced.
 */
import type { Result } from '../core/model';
import { benchmarkLabel, canonical, checkIndex, cmp, resourceLabel, sortResults } from './common';
import type { ReportInput } from './types';
import { escapeText, openTag } from './xml';

export function renderJunit(input: ReportInput): string {
  const { snapshot } = input;
  const find = checkIndex(input.checks);

  const byTarget = new Map<string, Result[]>();
  for (const t of snapshot.targets) byTarget.set(t.name, []);
  for (const r of snapshot.results) {
    const list = byTarget.get(r.target) ?? [];
    list.push(r);
    byTarget.set(r.target, list);
  }
  const targetInfo = new Map(snapshot.targets.map((t) => [t.name, t] as const));
  const names = [...byTarget.keys()].sort(cmp);

  const count = (rs: readonly Result[]) => ({
    tests: rs.length,
    failures: rs.filter((r) => r.status === 'fail').length,
    errors: rs.filter((r) => r.status === 'unknown').length,
    skipped: rs.filter((r) => r.status === 'not-applicable').length,
  });
  const total = count(snapshot.results.filter((r) => byTarget.has(r.target)));
  const seconds = elapsedSeconds(snapshot.startedAt, snapshot.finishedAt);
  const timestamp = junitTimestamp(snapshot.startedAt);

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `${openTag('testsuites', {
      name: `${snapshot.tool.name} ${snapshot.scope}`,
      tests: total.tests,
      failures: total.failures,
      errors: total.errors,
      time: seconds,
    })}>`,
  );
  names.forEach((name, id) => {
    const results = sortResults(byTarget.get(name) ?? []);
    const c = count(results);
    const info = targetInfo.get(name);
    out.push(
      `  ${openTag('testsuite', {
        name,
        id,
        tests: c.tests,
        failures: c.failures,
        errors: c.errors,
        skipped: c.skipped,
        time: 0,
        timestamp,
      })}>`,
    );
    const props: [string, string][] = [
      ['scan.id', snapshot.scanId],
      ['scan.scope', snapshot.scope],
    ];
    if (info) {
      props.push(['target.kind', info.kind], ['target.status', info.status]);
      if (info.reason) props.push(['target.reason', info.reason]);
    }
    out.push('    <properties>');
    for (const [k, v] of props) out.push(`      ${openTag('property', { name: k, value: v })}/>`);
    out.push('    </properties>');

    for (const r of results) {
      const head = `    ${openTag('testcase', { classname: r.checkId, name: resourceLabel(r.resource), time: 0 })}`;
      if (r.status === 'pass') {
        out.push(`${head}/>`);
        continue;
      }
      out.push(`${head}>`);
      if (r.status === 'fail') {
        const meta = find(r.checkId);
        const body = [
          r.message,
          `Severity: ${r.severity}`,
          ...(meta ? [`Remediation: ${meta.remediation}`] : []),
          ...(meta && meta.benchmarks.length > 0
            ? [`Benchmarks: ${meta.benchmarks.map(benchmarkLabel).join('; ')}`]
            : []),
          ...(r.waiver ? [`Waived until ${r.waiver.expires} by ${r.waiver.createdBy}: ${r.waiver.reason}`] : []),
          ...(r.evidence && Object.keys(r.evidence).length > 0
            ? [`Evidence: ${JSON.stringify(canonical(r.evidence))}`]
            : []),
          `Fingerprint: ${r.fingerprint}`,
        ].join('\n');
        out.push(`      ${openTag('failure', { message: r.message, type: r.severity })}>${escapeText(body)}</failure>`);
      } else if (r.status === 'unknown') {
        const body = [r.message, `Severity: ${r.severity}`, `Fingerprint: ${r.fingerprint}`].join('\n');
        out.push(`      ${openTag('error', { message: r.message, type: 'unknown' })}>${escapeText(body)}</error>`);
      } else {
        out.push(`      ${openTag('skipped', { message: `Not applicable: ${r.message}` })}/>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** Seconds between two ISO times, 3 decimals; 0 when they do not parse. */
function elapsedSeconds(start: string, end: string): string {
  const ms = Date.parse(end) - Date.parse(start);
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

/** JUnit's schema wants a local-form date-time without zone: the UTC time without its `Z` and fraction. */
function junitTimestamp(iso: string): string | undefined {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19) : undefined;
}
