import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validateJunit } from '../../test/support/junit-schema';
import { CATALOGUE, scenario } from '../../test/support/report-scenario';
import { parseXml } from '../../test/support/xml';
import { frameworkStatus } from '../core/frameworks/status';
import type { FrameworkData } from '../core/frameworks/types';
import { controlDetail, frameworksJson, statusCountsLine } from './framework-status';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';
import type { ReportInput } from './types';

const FRAMEWORK: FrameworkData = {
  id: 'test-1',
  framework: 'CIS Kubernetes Benchmark',
  version: '1',
  sections: [{ id: '5', title: 'Policies' }],
  controls: [
    {
      id: '5.1.1',
      title: 'cluster-admin only where required',
      section: '5',
      assessment: 'automated',
      level: 1,
      checks: ['k8s.rbac.cluster-admin'],
    },
    {
      id: '5.1.2',
      title: 'SSH root login is disabled',
      section: '5',
      assessment: 'automated',
      level: 1,
      checks: ['host.ssh.root-login-disabled'],
    },
    {
      id: '5.4.2',
      title: 'External secret storage <b>',
      section: '5',
      assessment: 'manual',
      level: 2,
      checks: [],
      guidance: 'Consider a vault & a KMS.',
    },
    { id: '5.9.9', title: 'Nobody judges it', section: '5', assessment: 'automated', level: 1, checks: [] },
  ],
};

function withFrameworks(): ReportInput {
  // The scenario: cluster-admin fails on prod; SSH root login passes on node-1 and is unknown on node-2.
  const input = scenario();
  return { ...input, frameworks: [frameworkStatus(FRAMEWORK, { snapshot: input.snapshot, checks: CATALOGUE })] };
}

describe('framework status in the reports', () => {
  const input = withFrameworks();
  const [status] = input.frameworks!;

  it('derives fail for the failing check, and unknown for the check a target could not give', () => {
    expect(status.controls.map((c) => [c.id, c.status])).toEqual([
      ['5.1.1', 'fail'],
      ['5.1.2', 'unknown'],
      ['5.4.2', 'manual'],
      ['5.9.9', 'not-covered'],
    ]);
    expect(statusCountsLine(status.counts)).toBe(
      '0 pass, 1 fail, 1 unknown, 0 not applicable, 1 manual, 1 not covered (of 4)',
    );
    expect(controlDetail(status.controls[2])).toBe('Consider a vault & a KMS.');
  });

  it('JSON: frameworks[] after summary, with sorted fingerprints and counts in a fixed order', () => {
    const report = JSON.parse(renderJson(input));
    expect(Object.keys(report).at(-1)).toBe('frameworks');
    expect(report.frameworks).toEqual(frameworksJson(input.frameworks!));
    expect(Object.keys(report.frameworks[0].counts)).toEqual([
      'total',
      'pass',
      'fail',
      'unknown',
      'not-applicable',
      'manual',
      'not-covered',
    ]);
    const failing = report.frameworks[0].controls[0].failing as string[];
    expect(failing).toEqual([...failing].sort());
    expect(failing.length).toBeGreaterThan(0);
    expect(JSON.parse(renderJson(scenario())).frameworks).toBeUndefined();
  });

  it('SARIF: run properties carry each control, and the log stays schema-valid', () => {
    const schema = JSON.parse(
      readFileSync(join(__dirname, '../../test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(renderSarif(input));
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.runs[0].properties.frameworks[0].controls.map((c: { status: string }) => c.status)).toEqual([
      'fail',
      'unknown',
      'manual',
      'not-covered',
    ]);
  });

  it('JUnit: a schema-valid testsuite per framework, failure for fail, error for unknown, skipped otherwise', () => {
    const xml = renderJunit(input);
    expect(validateJunit(parseXml(xml))).toEqual([]);
    const suite = parseXml(xml).children.find((s) => s.attrs.name === 'CIS Kubernetes Benchmark 1')!;
    expect(suite.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '2' });
    expect(suite.children.filter((c) => c.name === 'testcase').map((c) => c.children[0]?.name ?? 'pass')).toEqual([
      'failure',
      'error',
      'skipped',
      'skipped',
    ]);
    const without = parseXml(renderJunit(scenario()));
    const withIt = parseXml(xml);
    expect(Number(withIt.attrs.tests)).toBe(Number(without.attrs.tests) + 4);
  });

  it('Markdown and text: a section per framework, control by control, escaped', () => {
    const md = renderMarkdown(input);
    expect(md).toContain('### Frameworks\n\n#### CIS Kubernetes Benchmark 1\n');
    expect(md).toMatch(/\| 5\.4\.2 \| External secret storage \\<b\\> \| MANUAL \| Consider a vault \\& a KMS\. \|/);
    const text = renderText(input, { color: false });
    expect(text).toMatch(/\nFRAMEWORK CIS Kubernetes Benchmark 1 \(test-1\)\n {2}0 pass, 1 fail, 1 unknown/);
    expect(text).toMatch(
      / {2}UNKNOWN {5}5\.1\.2 {4}SSH root login is disabled\n +host\.ssh\.root-login-disabled: node-2 was not assessed/,
    );
  });
});
