import { validateJunit } from '../../test/support/junit-schema';
import {
  baselineScenario,
  CATALOGUE,
  emptyDiff,
  HOSTILE,
  result,
  scenario,
  snapshot,
} from '../../test/support/report-scenario';
import { parseXml, type XmlElement } from '../../test/support/xml';
import { renderJunit } from './junit';
import { escapeAttr, escapeText, xmlSafe } from './xml';

const suites = (root: XmlElement) => root.children.filter((c) => c.name === 'testsuite');
const cases = (suite: XmlElement) => suite.children.filter((c) => c.name === 'testcase');
const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);

describe('Function: renderJunit', () => {
  it('is well-formed XML with one testsuite per target, sorted by name', () => {
    const root = parseXml(renderJunit(scenario()));
    expect(root.name).toBe('testsuites');
    expect(suites(root).map((s) => s.attrs.name)).toEqual(['node-1', 'node-2', 'prod']);
  });

  it('counts tests, failures and skipped right on every suite and on the whole', () => {
    const root = parseXml(renderJunit(scenario()));
    const counts = suites(root).map((s) => {
      const cs = cases(s);
      return {
        name: s.attrs.name,
        attrs: [s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.skipped].map(Number),
        actual: [
          cs.length,
          cs.filter((c) => child(c, 'failure')).length,
          cs.filter((c) => child(c, 'error')).length,
          cs.filter((c) => child(c, 'skipped')).length,
        ],
      };
    });
    for (const c of counts) expect(c.attrs).toEqual(c.actual);
    // node-1: a pass, a failure, a not-applicable; node-2 (unreachable): an unknown; prod: 3 failures, an unknown.
    expect(counts.map((c) => [c.name, ...c.attrs])).toEqual([
      ['node-1', 3, 1, 0, 1],
      ['node-2', 1, 0, 1, 0],
      ['prod', 5, 3, 1, 0],
    ]);
    expect([root.attrs.tests, root.attrs.failures, root.attrs.errors]).toEqual(['9', '4', '2']);
    expect(root.attrs.time).toBe('7.500');
    expect(suites(root)[0].attrs.timestamp).toBe('2026-11-30T02:17:56');
  });

  it('names each testcase by check ID and resource, with failure message, severity and remediation', () => {
    const prod = suites(parseXml(renderJunit(scenario()))).find((s) => s.attrs.name === 'prod')!;
    const admin = cases(prod).find((c) => c.attrs.classname === 'k8s.rbac.cluster-admin')!;
    expect(admin.attrs.name).toBe('ServiceAccount ci/deployer');
    const failure = child(admin, 'failure')!;
    expect(failure.attrs).toEqual({
      message: 'ServiceAccount ci/deployer is bound to cluster-admin.',
      type: 'critical',
    });
    expect(failure.text).toContain('Remediation: Bind the subject to a namespaced Role');
    expect(failure.text).toContain('Benchmarks: CIS Kubernetes Benchmark v1.12 5.1.1');
    expect(failure.text).toContain('Evidence: {"bindings":["ClusterRoleBinding/ci-admin"],"roles":["cluster-admin"]}');
    expect(failure.text).toMatch(/Fingerprint: [0-9a-f]{20}/);
  });

  it('reports an unknown result as an error with the reason, a not-applicable one as skipped; passes have no child', () => {
    const root = parseXml(renderJunit(scenario()));
    const node1 = suites(root).find((s) => s.attrs.name === 'node-1')!;
    const na = cases(node1).find((c) => c.attrs.classname === 'host.kubelet.client-ca')!;
    expect(na.children.map((c) => c.name)).toEqual(['skipped']);
    expect(child(na, 'skipped')!.attrs.message).toBe('Not applicable: node-1 runs no kubelet.');
    const pass = cases(node1).find((c) => c.attrs.classname === 'host.ssh.root-login-disabled')!;
    expect(pass.children).toEqual([]);
    const node2 = suites(root).find((s) => s.attrs.name === 'node-2')!;
    const unknown = cases(node2)[0];
    // "Could not look" is never "does not apply": an error a dashboard shows in red, not a skip it hides.
    expect(unknown.children.map((c) => c.name)).toEqual(['error']);
    expect(child(unknown, 'error')!.attrs).toEqual({
      message: 'Could not assess: node-2 is unreachable: SSM: instance i-0abc is not connected.',
      type: 'unknown',
    });
    expect(child(unknown, 'error')!.text).toContain('Could not assess: node-2 is unreachable');
    expect(child(unknown, 'error')!.text).toMatch(/Fingerprint: [0-9a-f]{20}/);
    const props = child(node2, 'properties')!.children.map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).toContainEqual(['target.status', 'unreachable']);
    expect(props).toContainEqual(['target.reason', 'SSM: instance i-0abc is not connected']);
  });

  it('escapes hostile text in attributes and text, replacing characters XML 1.0 cannot carry', () => {
    const hostile = result({ target: HOSTILE, message: HOSTILE, resource: { kind: 'User', name: HOSTILE } });
    const xml = renderJunit({
      snapshot: snapshot({
        results: [hostile],
        targets: [{ name: HOSTILE, kind: 'host', status: 'partial', reason: HOSTILE }],
      }),
      diff: emptyDiff(),
      checks: CATALOGUE,
    });
    expect(xml).not.toContain(']]>');
    const root = parseXml(xml);
    const suite = suites(root)[0];
    const expected = HOSTILE.replace('\u0000', '\uFFFD')
      .replace('\u0007', '\uFFFD')
      .replaceAll('\u001b', '\uFFFD')
      .replace('\uD800', '\uFFFD');
    expect(suite.attrs.name).toBe(expected);
    const tc = cases(suite)[0];
    expect(tc.attrs.name).toBe(`User ${expected}`);
    expect(child(tc, 'failure')!.attrs.message).toBe(expected);
    expect(child(tc, 'failure')!.text.startsWith(expected)).toBe(true);
  });

  it('writes an empty but valid report for a scan with no targets', () => {
    const root = parseXml(renderJunit({ snapshot: snapshot({ targets: [] }), diff: null, checks: [] }));
    expect(root.attrs.tests).toBe('0');
    expect(suites(root)).toEqual([]);
  });

  it('is valid against the common JUnit schema (junit-10.xsd) for every kind of scan', () => {
    const hostile = result({ target: HOSTILE, message: HOSTILE, resource: { kind: 'User', name: HOSTILE } });
    const inputs = [
      scenario(),
      baselineScenario(),
      { snapshot: snapshot({ targets: [] }), diff: null, checks: [] },
      {
        snapshot: snapshot({
          results: [hostile, { ...hostile, status: 'unknown' as const }],
          targets: [{ name: HOSTILE, kind: 'host' as const, status: 'partial' as const, reason: HOSTILE }],
        }),
        diff: emptyDiff(),
        checks: CATALOGUE,
      },
    ];
    for (const input of inputs) expect(validateJunit(parseXml(renderJunit(input)))).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(renderJunit(scenario())).toMatchSnapshot();
  });
});

describe('Function: validateJunit (the test schema is not vacuous)', () => {
  it.each([
    ['an attribute <testsuites> does not declare', '<testsuites skipped="1"/>', 'attribute "skipped" not allowed'],
    [
      'a testsuite without errors',
      '<testsuites><testsuite name="a" tests="0" failures="0"/></testsuites>',
      'required attribute "errors" missing',
    ],
    ['a time that is not SUREFIRE_TIME', '<testsuites time="1e3"/>', 'is not SUREFIRE_TIME'],
    [
      'an undeclared element',
      '<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x"><unknown/></testcase></testsuite></testsuites>',
      'child <unknown> not allowed',
    ],
  ])('rejects %s', (_what, xml, problem) => {
    expect(validateJunit(parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`)).join('\n')).toContain(problem);
  });
});

describe('Function: escapes', () => {
  it('escapes markup and quotes, keeps line breaks in attributes as references', () => {
    expect(escapeText('a<b>&]]>\r')).toBe('a&lt;b&gt;&amp;]]&gt;&#13;');
    expect(escapeAttr(`"'<&>\t\n\r`)).toBe('&quot;&apos;&lt;&amp;&gt;&#9;&#10;&#13;');
  });

  it('replaces C0 controls, lone surrogates and U+FFFE/U+FFFF, and keeps astral characters', () => {
    expect(xmlSafe('a\u0000b\u001fc\uD800d\uDC00e\uFFFEf\uFFFF\u{1F600}\t\n')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD\u{1F600}\t\n',
    );
  });
});

describe('Function: parseXml (the test reader rejects what is not well-formed)', () => {
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  it.each([
    ['a raw ampersand', '<a>&</a>'],
    ['a raw less-than in an attribute', '<a b="<"/>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a control character', '<a>\u0001</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a>'],
    ['two roots', '<a/><b/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['"]]>" in text', '<a>]]></a>'],
  ])('throws on %s', (_what, body) => {
    expect(() => parseXml(decl + body)).toThrow();
  });

  it('reads back attributes and text with references decoded', () => {
    const el = parseXml(`${decl}<a b="x&#10;&quot;y">t&lt;&#x1F600;</a>`);
    expect(el.attrs.b).toBe('x\n"y');
    expect(el.text).toBe('t<\u{1F600}');
  });
});
