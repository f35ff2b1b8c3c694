/**
 * The renderers over real results: every case of every registered check (checks/**\/*.cases.ts) run through the
 * real engine and diffed by the real diff, then rendered in every format and read back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { checks } from '../../checks';
import { compare } from '../../src/core/diff';
import { evaluateCheck } from '../../src/core/engine';
import { DEFAULT_CHECK_OPTIONS, type Result, type TargetSummary } from '../../src/core/model';
import { REPORT_FORMATS, render } from '../../src/report';
import { buildJsonReport } from '../../src/report/json';
import type { ReportInput } from '../../src/report/types';
import { casesOf } from '../support/cases';
import { snapshot } from '../support/report-scenario';
import { parseXml } from '../support/xml';

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return caseFiles(p);
    return e.name.endsWith('.cases.ts') ? [p] : [];
  });
}

function realInput(): ReportInput {
  const results: Result[] = [];
  const targets = new Map<string, TargetSummary>();
  for (const file of caseFiles(join(__dirname, '../../checks'))) {
    for (const { check, cases } of casesOf(require(file), file)) {
      cases.forEach((c, i) => {
        // One target per case, so results of different cases never share a fingerprint.
        const target = {
          name: `${check.targetKind === 'host' ? 'node' : 'cluster'}-${check.id}-${i}`,
          kind: check.targetKind,
        };
        targets.set(target.name, { name: target.name, kind: target.kind, status: 'assessed' });
        results.push(
          ...evaluateCheck(
            check,
            { target, facts: c.facts },
            { now: new Date(c.now ?? '2026-06-01T00:00:00Z'), options: { ...DEFAULT_CHECK_OPTIONS, ...c.options } },
          ),
        );
      });
    }
  }
  const ts = [...targets.values()];
  const ids = checks.map((c) => c.id);
  // Last night: the same scan with every failing result passing, so tonight every failure is a regression.
  const previous = snapshot({
    scanId: '20261129T000000Z-000000',
    startedAt: '2026-11-29T00:00:00.000Z',
    targets: ts,
    checks: ids,
    results: results.map((r) => (r.status === 'fail' ? { ...r, status: 'pass' as const } : r)),
  });
  const startedAt = '2026-11-30T00:00:00.000Z';
  const cmp = compare(previous, { startedAt, targets: ts, checks: ids, results }, [], new Date(startedAt));
  return {
    snapshot: snapshot({ startedAt, targets: ts, checks: ids, results: cmp.results, carried: cmp.carried }),
    diff: cmp.diff,
    checks,
  };
}

describe('Renderers over the real check registry', () => {
  const input = realInput();
  const fails = input.snapshot.results.filter((r) => r.status === 'fail').length;

  it('has real results to render', () => {
    expect(fails).toBeGreaterThan(0);
    expect(input.snapshot.results.some((r) => r.status === 'pass')).toBe(true);
    expect(input.diff!.regressions).toHaveLength(fails);
  });

  it('renders valid SARIF with one result per failing or unknown result', () => {
    const schema = JSON.parse(
      readFileSync(join(__dirname, '../../test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(render('sarif', input));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const unknown = input.snapshot.results.filter((r) => r.status === 'unknown').length;
    expect(log.runs[0].results).toHaveLength(fails + unknown);
    expect(log.runs[0].tool.driver.rules).toHaveLength(checks.length);
  });

  it('renders JUnit that parses back with the right counts', () => {
    const root = parseXml(render('junit', input));
    expect(Number(root.attrs.tests)).toBe(input.snapshot.results.length);
    expect(Number(root.attrs.failures)).toBe(fails);
  });

  it('renders JSON that equals the report object', () => {
    expect(JSON.parse(render('json', input))).toEqual(JSON.parse(JSON.stringify(buildJsonReport(input))));
  });

  it('renders text within 100 columns, but for a setting wider than a line, whole on its own line; Markdown tables intact', () => {
    const text = render('text', input, { verbose: true });
    // A setting to copy ("Ciphers …") is never cut: alone on its line, it may be wider than the terminal.
    const wholeSetting = /^\s+"[^"]+"[,.;:]?$/;
    expect(text.split('\n').filter((l) => [...l].length > 100 && !wholeSetting.test(l))).toEqual([]);
    expect(text).toContain(`FAILING (${fails})`);
    const md = render('markdown', input);
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.endsWith(' |')).toBe(true);
    }
  });

  it('renders every format without throwing', () => {
    for (const f of REPORT_FORMATS) expect(render(f, input).length).toBeGreaterThan(100);
  });
});
