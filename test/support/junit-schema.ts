/**
 * The JUnit XML schema CI servers validate against (Jenkins xUnit's junit-10.xsd, the common one), as rules over
 * the tree parseXml() reads: which elements may appear where, which attributes each may carry, which are required,
 * and the pattern of `time`. validateJunit() lists every violation (empty: the report is schema-valid).
 */
import type { XmlElement } from './xml';

interface ElementRule {
  /** Attributes the schema declares; any other is invalid. */
  attrs: readonly string[];
  required?: readonly string[];
  /** Child elements allowed (any order, any number, unless `sequence` says otherwise). */
  children: readonly string[];
  /** Whether character data other than white space is allowed (mixed or simple content). */
  text: boolean;
}

const RESULT: ElementRule = { attrs: ['type', 'message'], children: [], text: true };
const STRING: ElementRule = { attrs: [], children: [], text: true };
const RERUN: ElementRule = {
  attrs: ['message', 'type'],
  required: ['type'],
  children: ['stackTrace', 'system-out', 'system-err'],
  text: true,
};

export const JUNIT_SCHEMA: Record<string, ElementRule> = {
  testsuites: {
    attrs: ['name', 'time', 'tests', 'failures', 'errors'],
    children: ['testsuite'],
    text: false,
  },
  testsuite: {
    attrs: [
      'name',
      'tests',
      'failures',
      'errors',
      'group',
      'time',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
      'file',
      'log',
      'url',
    ],
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  testcase: {
    attrs: ['name', 'time', 'classname', 'group'],
    required: ['name'],
    children: [
      'skipped',
      'error',
      'failure',
      'rerunFailure',
      'rerunError',
      'flakyFailure',
      'flakyError',
      'system-out',
      'system-err',
    ],
    text: false,
  },
  properties: { attrs: [], children: ['property'], text: false },
  property: { attrs: ['name', 'value'], required: ['name', 'value'], children: [], text: false },
  failure: RESULT,
  error: RESULT,
  skipped: RESULT,
  'system-out': STRING,
  'system-err': STRING,
  stackTrace: STRING,
  rerunFailure: RERUN,
  rerunError: RERUN,
  flakyFailure: RERUN,
  flakyError: RERUN,
};

/** SUREFIRE_TIME: `(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?`, the whole value. */
const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

/** Every way `root` breaks the schema, one sentence each with the element's path. */
export function validateJunit(root: XmlElement): string[] {
  const problems: string[] = [];
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    problems.push(`root element <${root.name}> is neither <testsuites> nor <testsuite>`);
  }
  const visit = (el: XmlElement, path: string) => {
    const rule = JUNIT_SCHEMA[el.name];
    if (!rule) {
      problems.push(`${path}: element not declared by the schema`);
      return;
    }
    for (const a of Object.keys(el.attrs)) {
      if (!rule.attrs.includes(a)) problems.push(`${path}: attribute "${a}" not allowed`);
    }
    for (const a of rule.required ?? []) {
      if (!(a in el.attrs)) problems.push(`${path}: required attribute "${a}" missing`);
    }
    if ((el.name === 'testsuite' || el.name === 'testsuites') && 'time' in el.attrs) {
      if (!SUREFIRE_TIME.test(el.attrs.time)) problems.push(`${path}: time "${el.attrs.time}" is not SUREFIRE_TIME`);
    }
    if (!rule.text && el.text.trim() !== '') problems.push(`${path}: text not allowed`);
    el.children.forEach((c, i) => {
      if (!rule.children.includes(c.name)) problems.push(`${path}: child <${c.name}> not allowed`);
      else visit(c, `${path}/${c.name}[${i}]`);
    });
  };
  visit(root, root.name);
  return problems;
}
