/**
 * A finding can be waived from whatever report a person reads: every failing result, regression and unassessed
 * finding shows its fingerprint (short in text and Markdown, in full in Slack where the `waive` command wants it).
 */
import { scenario } from '../../test/support/report-scenario';
import { shortFingerprint } from './common';
import { renderMarkdown } from './markdown';
import { renderScanReport } from './slack-blocks';
import { renderText } from './text';

const input = scenario();
const { diff } = input;
const failing = input.snapshot.results.filter((r) => r.status === 'fail');
const waivable = [
  ...failing,
  ...(diff?.regressions.map((g) => g.result) ?? []),
  ...(diff?.unassessed.map((u) => u.previous) ?? []),
];

describe('Short fingerprints in the reports', () => {
  it('is a 10-character prefix of the fingerprint', () => {
    expect(shortFingerprint('effef412815f5ecc9ebd')).toBe('effef41281');
  });

  it('shows the short fingerprint on the line of every failing result, regression and unassessed finding (text)', () => {
    const lines = renderText(input, { color: false, width: 200 }).split('\n');
    for (const r of waivable) {
      const line = lines.find(
        (l) => l.includes(`${r.checkId} · ${r.target} · `) && l.includes(`[${shortFingerprint(r.fingerprint)}]`),
      );
      expect({ finding: `${r.checkId} ${r.target}`, line }).toEqual({
        finding: `${r.checkId} ${r.target}`,
        line: expect.any(String),
      });
    }
  });

  it('shows the short fingerprint in a code span in the row of every such finding (Markdown)', () => {
    const rows = renderMarkdown(input)
      .split('\n')
      .filter((l) => l.startsWith('| '));
    for (const r of waivable) {
      const row = rows.find(
        (l) => l.includes(`\`${r.checkId}\``) && l.includes(`\`${shortFingerprint(r.fingerprint)}\``),
      );
      expect({ finding: `${r.checkId} ${r.target}`, row }).toEqual({
        finding: `${r.checkId} ${r.target}`,
        row: expect.any(String),
      });
    }
  });

  it('shows the whole fingerprint beside every regression listed in Slack', () => {
    if (!diff) throw new Error('the scenario has a diff');
    const text = JSON.stringify(renderScanReport(input.snapshot, diff).messages);
    for (const g of diff.regressions) expect(text).toContain(`fingerprint \`${g.result.fingerprint}\``);
  });
});
