import { diff, regressions, result, snapshot } from '../../test/slack/fixtures';
import {
  ACTION_EXPLAIN,
  ACTION_WAIVE,
  type Block,
  blockKitProblems,
  clip,
  escapeMrkdwn,
  LIMITS,
  renderScanReport,
} from './slack-blocks';

const allText = (blocks: Block[]): string =>
  blocks
    .map((b) =>
      b.type === 'section' || b.type === 'header'
        ? b.text.text
        : b.type === 'context'
          ? b.elements.map((e) => e.text).join(' ')
          : b.type === 'actions'
            ? b.elements.map((e) => e.value).join(' ')
            : '',
    )
    .join('\n');

describe('Function: renderScanReport', () => {
  it('renders nothing for 0 regressions without all-clear', () => {
    expect(renderScanReport(snapshot(), diff()).messages).toEqual([]);
  });

  it('renders a one-line all clear for 0 regressions when asked', () => {
    const { messages } = renderScanReport(snapshot(), diff(), { allClear: true });
    expect(messages).toHaveLength(1);
    expect(messages[0].blocks[0]).toMatchObject({
      type: 'section',
      text: { text: expect.stringMatching(/No regressions in \*nightly\*/) },
    });
  });

  it('posts a line for unreachable targets even with 0 regressions', () => {
    const snap = snapshot({
      targets: [{ name: 'node-1', kind: 'host', status: 'unreachable', reason: 'SSM agent offline' }],
    });
    const { messages } = renderScanReport(snap, diff());
    expect(messages).toHaveLength(1);
    expect(allText(messages[0].blocks)).toMatch(/1 target could not be assessed: \*node-1\* \(SSM agent offline\)/);
  });

  it.each([1, 49, 50, 51, 5000])('keeps %i regressions within Block Kit limits and accounts for every one', (n) => {
    const regs = regressions(n);
    const { messages, accounting } = renderScanReport(snapshot(), diff({ regressions: regs }), {
      remediationOf: (id) => `Fix ${id} by removing the wildcard.`,
    });
    for (const m of messages) expect(blockKitProblems(m)).toEqual([]);
    expect(accounting.listed.length + accounting.threaded.length + accounting.counted).toBe(n);
    expect(new Set([...accounting.listed, ...accounting.threaded]).size).toBe(
      accounting.listed.length + accounting.threaded.length,
    );
    // Every listed or threaded regression is in its message with both buttons.
    const text = messages.map((m) => allText(m.blocks)).join('\n');
    for (const fp of [...accounting.listed, ...accounting.threaded]) expect(text).toContain(`fingerprint \`${fp}\``);
    expect(messages[0].threaded).toBe(false);
    expect(messages.slice(1).every((m) => m.threaded)).toBe(true);
    expect(messages[0].blocks[0]).toMatchObject({
      type: 'header',
      text: { text: `${n.toLocaleString('en-US')} regression${n === 1 ? '' : 's'} in nightly` },
    });
    if (accounting.counted > 0) {
      expect(text).toContain(`${accounting.counted.toLocaleString('en-US')} more regressions not listed here`);
    }
    if (n > 10)
      expect(text).toContain(
        `${(n - accounting.listed.length).toLocaleString('en-US')} more regressions in the thread`,
      );
  });

  it('keeps 5,000 regressions on 5,000 different targets within limits, counting the groups it cannot list', () => {
    const regs = Array.from({ length: 5000 }, (_, i) => ({
      result: result(i, { target: `node-${i}` }),
      reason: 'new' as const,
    }));
    const { messages, accounting } = renderScanReport(snapshot(), diff({ regressions: regs }));
    for (const m of messages) expect(blockKitProblems(m)).toEqual([]);
    expect(accounting.listed.length + accounting.threaded.length + accounting.counted).toBe(5000);
    const last = allText(messages.at(-1)!.blocks);
    expect(last).toMatch(/4,840 more regressions not listed here/);
    expect(last).toMatch(/…and [\d,]+ more check\/target groups \(4,840 groups in all\)\./);
  });

  it('lists 1 regression with target, resource, message, remediation, check ID and the two buttons', () => {
    const r = result(0, { severity: 'critical', target: 'prod', resource: { kind: 'ClusterRole', name: 'admin-all' } });
    const { messages, accounting } = renderScanReport(
      snapshot(),
      diff({ regressions: [{ result: r, reason: 'new' }] }),
      {
        remediationOf: () => 'Remove the wildcard.',
      },
    );
    expect(accounting.listed).toEqual([r.fingerprint]);
    const blocks = messages[0].blocks;
    const sec = blocks.find((b) => b.type === 'section' && b.text.text.includes('admin-all'));
    expect(sec && sec.type === 'section' && sec.text.text).toBe(
      [
        ':red_circle: *prod* · ClusterRole admin-all',
        'ClusterRole role-0 grants "*" verbs on secrets.',
        '_Fix:_ Remove the wildcard.',
        `\`${r.checkId}\` · fingerprint \`${r.fingerprint}\``,
      ].join('\n'),
    );
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      elements: [
        { action_id: ACTION_EXPLAIN, text: { text: 'Explain' } },
        { action_id: ACTION_WAIVE, text: { text: 'Waive…' } },
      ],
    });
    if (actions?.type === 'actions') {
      expect(JSON.parse(actions.elements[1].value)).toEqual({
        c: r.checkId,
        f: r.fingerprint,
        t: 'prod',
        s: 'nightly',
      });
    }
  });

  it('groups by severity, worst first', () => {
    const { messages } = renderScanReport(snapshot(), diff({ regressions: regressions(5) }));
    const headings = messages[0].blocks
      .filter((b) => b.type === 'section' && /^\*[A-Z][a-z]+\* \(\d+\)$/.test(b.text.text))
      .map((b) => (b.type === 'section' ? b.text.text : ''));
    expect(headings).toEqual(['*Critical* (1)', '*High* (1)', '*Medium* (1)', '*Low* (1)', '*Info* (1)']);
  });

  it('counts regressions below the minimum severity instead of listing them', () => {
    const { messages, accounting } = renderScanReport(snapshot(), diff({ regressions: regressions(10) }), {
      minSeverity: 'high',
    });
    expect(accounting.listed).toHaveLength(4);
    expect(accounting.belowMinSeverity).toBe(6);
    expect(allText(messages[0].blocks)).toContain('6 regressions below high not shown.');
  });

  it('summarises a baseline of 5,000 failing findings in one message', () => {
    const failing = regressions(5000);
    const { messages } = renderScanReport(
      snapshot(),
      diff({ baseline: true, previousScanId: null, regressions: failing }),
    );
    expect(messages).toHaveLength(1);
    expect(blockKitProblems(messages[0])).toEqual([]);
    expect(allText(messages[0].blocks)).toMatch(/Baseline for nightly: 5,000 failing findings/);
    expect(messages[0].blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('escapes mrkdwn in resource names so a name cannot mention @channel', () => {
    const r = result(1, { resource: { kind: 'ConfigMap', namespace: 'x', name: '<!channel>&' } });
    const { messages } = renderScanReport(snapshot(), diff({ regressions: [{ result: r, reason: 'new' }] }));
    const text = allText(messages[0].blocks);
    expect(text).toContain('x/&lt;!channel&gt;&amp;');
    expect(text).not.toContain('<!channel>');
  });

  it('cuts a 10,000-character message to fit a section', () => {
    const r = result(1, { message: `${'m'.repeat(10_000)}.` });
    const { messages } = renderScanReport(
      snapshot(),
      diff({ regressions: [{ result: r, reason: 'severity-raised', previous: { ...r, severity: 'low' } }] }),
    );
    expect(blockKitProblems(messages[0])).toEqual([]);
    expect(allText(messages[0].blocks)).toContain('(severity raised from low)');
  });

  it('keeps a 300-character scope name within the header limit', () => {
    const { messages } = renderScanReport(snapshot({ scope: 's'.repeat(300) }), diff({ regressions: regressions(1) }));
    const h = messages[0].blocks[0];
    expect(h.type === 'header' && Array.from(h.text.text).length).toBe(LIMITS.headerText);
  });
});

describe('Function: blockKitProblems', () => {
  it('reports 51 blocks', () => {
    const blocks: Block[] = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(blockKitProblems({ blocks })).toEqual(['51 blocks (at most 50)']);
  });
});

describe('Function: escapeMrkdwn / clip', () => {
  it('escapes &, < and >', () => expect(escapeMrkdwn('a<b>&c')).toBe('a&lt;b&gt;&amp;c'));
  it('clips by code points and adds an ellipsis', () => expect(clip('😀😀😀', 2)).toBe('😀…'));
});
