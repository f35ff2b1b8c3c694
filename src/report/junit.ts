/**
 * JUnit XML for CI systems: one <testsuite> per target, one <testcase> per result (classname = check ID,
 * name = resource), and with `scan --framework` one <testsuite> per framework, one <testcase> per control.
 * fail -> <failure> with the message and the remediation; unknown -> <error> with the reason ("could not look"
 * shows in red on a CI dashboard, never as a skip); not-applicable -> <skipped>. Valid against
 * the common JUnit schema (Jenkins xUnit's junit-10.xsd): <testsuites> carries only name, time, tests, failures
 * and errors. All text is escaped for XML 1.0; characters XML cannot carry are replaced.
 */
import type { FrameworkStatus } from '../core/frameworks/status';
import type { Result } from '../core/model';
import { benchmarkLabel, canonical, checkIndex, cmp, resourceLabel, sortResults } from './common';
import { controlDetail, STATUS_LABEL } from './framework-status';
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
  const results = count(snapshot.results.filter((r) => byTarget.has(r.target)));
  const controls = frameworkCounts(input.frameworks ?? []);
  const total = {
    tests: results.tests + controls.tests,
    failures: results.failures + controls.failures,
    errors: results.errors + controls.errors,
  };
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
  (input.frameworks ?? []).forEach((f, i) => {
    out.push(...frameworkSuite(f, names.length + i, timestamp));
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

const controlCount = (f: FrameworkStatus) => ({
  tests: f.counts.total,
  failures: f.counts.fail,
  errors: f.counts.unknown,
  skipped: f.counts.total - f.counts.pass - f.counts.fail - f.counts.unknown,
});

function frameworkCounts(frameworks: readonly FrameworkStatus[]) {
  const total = { tests: 0, failures: 0, errors: 0 };
  for (const f of frameworks) {
    const c = controlCount(f);
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
  }
  return total;
}

/**
 * One <testsuite> per framework, one <testcase> per control (classname = the framework's ID, name = the control):
 * fail -> <failure>, unknown -> <error> (never a skip), manual, not covered and not applicable -> <skipped>.
 */
function frameworkSuite(f: FrameworkStatus, id: number, timestamp: string | undefined): string[] {
  const c = controlCount(f);
  const out = [
    `  ${openTag('testsuite', { name: `${f.framework} ${f.version}`, id, tests: c.tests, failures: c.failures, errors: c.errors, skipped: c.skipped, time: 0, timestamp })}>`,
    '    <properties>',
    `      ${openTag('property', { name: 'framework.id', value: f.id })}/>`,
    '    </properties>',
  ];
  for (const control of f.controls) {
    const head = `    ${openTag('testcase', { classname: f.id, name: `${control.id} ${control.title}`, time: 0 })}`;
    if (control.status === 'pass') {
      out.push(`${head}/>`);
      continue;
    }
    const detail = controlDetail(control) ?? 'Not applicable: every judging result was not applicable.';
    out.push(`${head}>`);
    if (control.status === 'fail') {
      const body = [
        detail,
        `Checks: ${control.checks.join(', ')}`,
        ...control.failing.map((fp) => `Fingerprint: ${fp}`),
      ];
      out.push(
        `      ${openTag('failure', { message: detail, type: 'control' })}>${escapeText(body.join('\n'))}</failure>`,
      );
    } else if (control.status === 'unknown') {
      const body = [...control.reasons, `Checks: ${control.checks.join(', ')}`];
      out.push(
        `      ${openTag('error', { message: detail, type: 'unknown' })}>${escapeText(body.join('\n'))}</error>`,
      );
    } else {
      out.push(`      ${openTag('skipped', { message: `${STATUS_LABEL[control.status]}: ${detail}` })}/>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  return out;
}
