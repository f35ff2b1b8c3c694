import {
  baselineScenario,
  CATALOGUE,
  emptyDiff,
  HOSTILE,
  result,
  scenario,
  snapshot,
} from '../../test/support/report-scenario';
import { mdCell, mdText, renderMarkdown } from './markdown';

/** Cells of a GFM table row: split on pipes that are not escaped. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/);
}

/** Every table: header, delimiter and rows all have the same number of cells. */
function expectTablesIntact(md: string): number {
  const lines = md.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|') || (!lines[i + 1]?.startsWith('| ---') && !lines[i + 1]?.startsWith('|---')))
      continue;
    tables += 1;
    const width = cells(lines[i]).length;
    let j = i + 1;
    while (j < lines.length && lines[j].startsWith('|')) {
      expect({ line: lines[j], cells: cells(lines[j]).length }).toEqual({ line: lines[j], cells: width });
      j += 1;
    }
    i = j;
  }
  return tables;
}

describe('Function: renderMarkdown', () => {
  it('opens with a summary table of counts', () => {
    const md = renderMarkdown(scenario());
    expect(md.startsWith('## compliance-bot report: scope `prod`\n')).toBe(true);
    expect(md).toContain(
      '| Failed | Critical | High | Medium | Low | Info | Passed | Unknown | N/A | Waived | Regressions | Resolved | Unassessed |',
    );
    expect(md).toContain('| **4** | 1 | 1 | 1 | 1 | 0 | 2 | 2 | 1 | 1 | **2** | 2 | 1 |');
  });

  it('lists regressions, resolved and unassessed findings in tables, then failing results by severity', () => {
    const md = renderMarkdown(scenario());
    const order = [
      '### Regressions (2)',
      '### Resolved (2)',
      '### Unassessed (1)',
      '### Targets not fully assessed (2 of 3)',
      '### Failing results (4)',
      '#### 🟥 critical (1)',
      '#### 🟧 high (1)',
      '#### 🟨 medium (1)',
      '#### 🟦 low (1)',
      '### Could not assess (2)',
      '<details><summary>How to fix</summary>',
    ];
    const at = order.map((h) => md.indexOf(h));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain(
      '| 🟥 critical | `k8s.rbac.cluster-admin` | prod | ServiceAccount ci/deployer | ServiceAccount ci/deployer is bound to cluster-admin. | new |',
    );
    expect(md).toContain('| node-2 | host | **unreachable** | SSM: instance i-0abc is not connected |');
    expect(expectTablesIntact(md)).toBeGreaterThanOrEqual(9);
  });

  it('summarises a baseline instead of listing regressions', () => {
    const md = renderMarkdown(baselineScenario());
    expect(md).toContain('> **Baseline:** first scan of scope `prod`; 4 failing results recorded');
    expect(md).not.toContain('### Regressions');
    expect(md).not.toContain('| Regressions |');
  });

  it('says when no comparison was made, and when there were no regressions', () => {
    expect(renderMarkdown({ ...scenario(), diff: null })).toContain('No comparison: no previous snapshot was read.');
    expect(renderMarkdown({ ...scenario(), diff: emptyDiff() })).toContain('### Regressions (0)\n\nNone.');
  });

  it('escapes pipes, newlines, markup and mentions in cells so no table breaks', () => {
    const hostile = result({
      target: HOSTILE,
      message: `${HOSTILE} @org/admins`,
      resource: { kind: 'User', name: HOSTILE },
    });
    const input = {
      snapshot: snapshot({
        results: [hostile, result({ status: 'unknown', message: HOSTILE, target: 'x|y' })],
        targets: [{ name: HOSTILE, kind: 'host' as const, status: 'partial' as const, reason: HOSTILE }],
      }),
      diff: emptyDiff({ regressions: [{ result: hostile, reason: 'new' }] }),
      checks: CATALOGUE,
    };
    const md = renderMarkdown(input);
    expect(expectTablesIntact(md)).toBe(5);
    expect(md).not.toMatch(/(?<!\\)\]\(http/);
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.join('\n')).not.toMatch(/(?<!\\)<(?!br>)/);
    expect(md).not.toContain('@org');
    expect(md).toContain('@\u2060org/admins');
    expect(md).toContain('\\|pipe\\|');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may remain
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('stays under the 65,536 characters a GitHub comment holds, cut between lines, with a pointer to the full report', () => {
    // 120 namespaces with 253-character names, each failing and unknown on several checks: about twice the limit.
    const results = Array.from(
      { length: 120 },
      (_, i) => `ns-${String(i).padStart(3, '0')}-${'n'.repeat(246)}`,
    ).flatMap((ns) => [
      result({
        checkId: 'k8s.netpol.default-deny-ingress',
        resource: { kind: 'Namespace', name: ns },
        message: `Namespace ${ns} has no default-deny ingress policy.`,
      }),
      result({
        checkId: 'k8s.rbac.secrets-read',
        resource: { kind: 'ServiceAccount', namespace: ns, name: 'reader' },
        message: `ServiceAccount ${ns}/reader can read Secrets.`,
      }),
      result({
        checkId: 'k8s.rbac.cluster-admin',
        status: 'unknown',
        resource: { kind: 'Namespace', name: ns },
        message: `Could not assess ${ns}.`,
      }),
    ]);
    const input = {
      snapshot: snapshot({ results }),
      diff: null,
      checks: CATALOGUE,
      stored: { key: 'prod/2026/11/30/x.json.gz', location: 's3://bucket/compliance' },
    };
    const uncapped = renderMarkdown(input, { maxRows: 1000, maxChars: Number.POSITIVE_INFINITY });
    expect(uncapped.length).toBeGreaterThan(100_000);
    const md = renderMarkdown(input, { maxRows: 1000 });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(uncapped.startsWith(md.slice(0, md.indexOf('\n\n> **Cut short:**')))).toBe(true);
    expect(md).toMatch(
      /> \*\*Cut short:\*\* this report is [\d,]+ characters, more than a GitHub comment holds \(65,536\)\. Every result is in the snapshot `prod\/2026\/11\/30\/x\.json\.gz` stored in `s3:\/\/bucket\/compliance` and in the JSON report \(`compliance-bot scan --format json`\)\.\n$/,
    );
    expectTablesIntact(md);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    // A report that fits is not touched.
    const small = renderMarkdown({
      snapshot: snapshot({ results: results.slice(0, 3) }),
      diff: null,
      checks: CATALOGUE,
    });
    expect(small).not.toContain('Cut short');
  });

  it('cut anywhere, stays within the cap with balanced <details> and whole table rows', () => {
    const full = renderMarkdown(scenario());
    for (let max = full.length - 1; max > 700; max -= 53) {
      const md = renderMarkdown(scenario(), { maxChars: max });
      expect(md.length).toBeLessThanOrEqual(max);
      expect(md).toContain('> **Cut short:**');
      expect(md.split('<details>').length).toBe(md.split('</details>').length);
      expectTablesIntact(md);
    }
  });

  it('keeps at most maxRows rows per table and says how many are left out', () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      result({ resource: { kind: 'ServiceAccount', namespace: 'ci', name: `sa-${i}` }, message: `SA ${i}.` }),
    );
    const md = renderMarkdown({ snapshot: snapshot({ results: many }), diff: null, checks: CATALOGUE }, { maxRows: 3 });
    expect(md).toContain('… and 4 more (the JSON report has them all).');
    expect(md.match(/\| `k8s\.rbac\.cluster-admin` \|/g)).toHaveLength(3);
  });

  it('matches the snapshot', () => {
    expect(renderMarkdown(scenario())).toMatchSnapshot();
  });
});

describe('Function: mdText and mdCell', () => {
  it('escapes Markdown and HTML syntax', () => {
    expect(mdText('a|b *c* _d_ [e](f) <g> `h` ~i~ &amp; \\')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\~i\\~ \\&amp; \\\\',
    );
  });

  it('turns line breaks into spaces in text and <br> in cells', () => {
    expect(mdText('a\nb\r\nc')).toBe('a b c');
    expect(mdCell('a\nb\r\nc')).toBe('a<br>b<br>c');
  });
});
