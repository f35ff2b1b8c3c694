import {
  baselineScenario,
  CATALOGUE,
  emptyDiff,
  HOSTILE,
  result,
  scenario,
  snapshot,
} from '../../test/support/report-scenario';
import type { Result } from '../core/model';
import { clean, visibleLength, wrap } from './terminal';
import { oneLine, renderText } from './text';

const ESC = '\u001b';
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('Function: renderText', () => {
  it('puts the diff on top, before targets, failing results and the summary', () => {
    const text = renderText(scenario(), { color: false });
    const order = [
      'CHANGES SINCE 20261129T021700Z-aaaaaa',
      'Regressions (2)',
      'Resolved (2)',
      'Unassessed (1)',
      'TARGETS (3)',
      'FAILING (4)',
      'COULD NOT ASSESS (2)',
    ];
    const positions = order.map((h) => text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const last = text.slice(text.lastIndexOf('\n\n')).trim().replace(/\n/g, ' ');
    expect(last).toBe(
      '4 failed (1 critical, 1 high, 1 medium, 1 low), 2 passed, 2 unknown, 1 not applicable, 1 waived; ' +
        '2 regressions, 2 resolved, 1 unassessed',
    );
  });

  it('shows each regression with severity, check ID, target, resource, reason and message', () => {
    const text = renderText(scenario(), { color: false });
    expect(text).toContain(
      '    CRITICAL  k8s.rbac.cluster-admin · prod · ServiceAccount ci/deployer [new] [b91a0417ba]\n',
    );
    expect(text).toContain('              ServiceAccount ci/deployer is bound to cluster-admin.\n');
    expect(text).toContain('k8s.netpol.default-deny-ingress · prod · Namespace shop [severity raised from low]');
    expect(text).toContain('host.ssh.root-login-disabled · node-1 · SshdConfig sshd [now passes]');
    expect(text).toContain('target node-2 could not be assessed: SSM: instance i-0abc is not connected');
  });

  it('says "baseline: first scan of scope X" for a first scan', () => {
    const text = renderText(baselineScenario(), { color: false });
    expect(text).toContain('baseline: first scan of scope prod; 4 failing results recorded');
    expect(text).not.toContain('Regressions (');
    expect(text.trimEnd().split('\n').at(-1)).toContain('first scan of this scope)');
  });

  it('says no comparison was made when there is no diff', () => {
    const text = renderText({ ...scenario(), diff: null }, { color: false });
    expect(text).toContain('No comparison: no previous snapshot was read.');
    expect(text).not.toContain('regressions');
  });

  it('says so when nothing changed', () => {
    const text = renderText({ ...scenario(), diff: emptyDiff() }, { color: false });
    expect(text).toContain('No regressions, nothing resolved.');
  });

  it('flags unreachable and partial targets with their reasons', () => {
    const text = renderText(scenario(), { color: false });
    expect(text).toMatch(/node-2 +host +UNREACHABLE +SSM: instance i-0abc is not connected/);
    expect(text).toMatch(/prod +cluster +PARTIAL +k8s\.networkPolicies: forbidden \(403\)/);
    expect(text).toMatch(/node-1 +host +assessed\n/);
  });

  it('groups failing results by severity, critical first, with counts', () => {
    const text = renderText(scenario(), { color: false });
    const failing = text.slice(text.indexOf('FAILING (4)'), text.indexOf('COULD NOT ASSESS'));
    const heads = failing.split('\n').filter((l) => /^ {2}[A-Z]+ \(\d+\)$/.test(l));
    expect(heads).toEqual(['  CRITICAL (1)', '  HIGH (1)', '  MEDIUM (1)', '  LOW (1)']);
    expect(text).toMatch(/ {2}CRITICAL +0 +1 +0 +0\n/);
    expect(text).toMatch(/ {2}HIGH +2 +1 +1 +0\n/);
  });

  it('gives the remediation for critical and high results, and for all with verbose', () => {
    const brief = renderText(scenario(), { color: false });
    expect(brief).toContain('Fix: Bind the subject to a namespaced Role');
    expect(brief).toContain('Fix: Remove get, list and watch on secrets');
    expect(brief).not.toContain('Fix: Add a NetworkPolicy');
    const verbose = renderText(scenario(), { color: false, verbose: true });
    expect(verbose).toContain('Fix: Add a NetworkPolicy');
    expect(verbose).toContain('Fix: Set "MaxAuthTries 4"');
  });

  it('cuts a long remediation to one line unless verbose', () => {
    const long =
      'Bind people and workloads to narrower roles: list every binding named in the evidence, replace each one by a role with only the verbs needed, then delete the old binding. Keep break-glass access apart.';
    const input = { ...scenario(), checks: scenario().checks.map((c) => ({ ...c, remediation: long })) };
    const brief = renderText(input, { color: false });
    const fix = brief.split('\n').filter((l) => l.trimStart().startsWith('Fix: '));
    expect(fix.length).toBeGreaterThan(0);
    for (const l of fix) {
      expect(l.endsWith('…')).toBe(true);
      expect(visibleLength(l)).toBeLessThanOrEqual(100);
    }
    const verbose = renderText(input, { color: false, verbose: true });
    expect(verbose.replace(/\n +/g, ' ')).toContain('then delete the old binding. Keep break-glass access apart.');
  });

  it('shows the evidence of failing results with verbose only, keys sorted', () => {
    expect(renderText(scenario(), { color: false })).not.toContain('Evidence:');
    expect(renderText(scenario(), { color: false, verbose: true })).toContain(
      '      Evidence: bindings=["ClusterRoleBinding/ci-admin"], roles=["cluster-admin"]\n',
    );
  });

  it('shows a waiver with who, until when and why', () => {
    const text = renderText(scenario(), { color: false });
    expect(text).toContain('host.ssh.max-auth-tries · node-1 · SshdConfig sshd [waived until 2027-01-31 by U123]');
    expect(text).toContain('Waiver: legacy bastion, replaced in Q1');
  });

  it('writes no escape codes when color is false, and colours when it is true', () => {
    expect(renderText(scenario(), { color: false })).not.toContain(ESC);
    const colored = renderText(scenario(), { color: true });
    expect(colored).toContain(`${ESC}[1;31mCRITICAL`);
    expect(plain(colored)).toBe(renderText(scenario(), { color: false }));
  });

  it('keeps every line within 100 columns', () => {
    const long = result({
      message: `ServiceAccount ci/deployer is bound to cluster-admin through ${'ClusterRoleBinding/very-long-binding-name '.repeat(6)}.`,
      resource: { kind: 'ServiceAccount', namespace: 'a-very-long-namespace-name-for-testing', name: 'x'.repeat(130) },
    });
    const input = {
      ...scenario(),
      snapshot: { ...scenario().snapshot, results: [long, ...scenario().snapshot.results] },
    };
    for (const opts of [{ color: false }, { color: true, verbose: true }]) {
      const lines = plain(renderText(input, opts)).split('\n');
      const over = lines.filter((l) => visibleLength(l) > 100);
      expect(over).toEqual([]);
    }
  });

  it('neutralises control characters, escape sequences and newlines from hosts', () => {
    const hostile = result({ target: HOSTILE, message: HOSTILE, resource: { kind: 'User', name: HOSTILE } });
    const input = {
      snapshot: snapshot({
        results: [hostile],
        targets: [{ name: HOSTILE, kind: 'host', status: 'unreachable', reason: HOSTILE }],
      }),
      diff: emptyDiff({ regressions: [{ result: hostile, reason: 'new' }] }),
      checks: CATALOGUE,
    };
    const text = renderText(input, { color: false });
    expect(text).not.toContain(ESC);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may remain
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b[31mred\\x1b[0m');
    expect(text).toContain('\\x00nul');
    expect(text).not.toContain('lone\nnext');
  });

  it('groups many unknown results by target and reason, and lists them all with verbose', () => {
    const unknown: Result[] = CATALOGUE.filter((c) => c.targetKind === 'host').flatMap((c) =>
      ['node-7', 'node-8', 'node-9', 'node-10'].map((t) =>
        result({
          checkId: c.id,
          status: 'unknown',
          target: t,
          resource: { kind: 'Host', name: t },
          message: `Could not assess: ${t} is unreachable: timeout.`,
        }),
      ),
    );
    const input = { snapshot: snapshot({ results: unknown }), diff: null, checks: CATALOGUE };
    const text = renderText(input, { color: false });
    expect(text).toContain('COULD NOT ASSESS (12)');
    expect(text).toContain('    node-7: 3 results\n      Could not assess: node-7 is unreachable: timeout.');
    expect(text).toContain('(--verbose lists every one)');
    const verbose = renderText(input, { color: false, verbose: true });
    expect(verbose.match(/is unreachable: timeout\./g)).toHaveLength(12);
  });

  it('matches the snapshot', () => {
    expect(renderText(scenario(), { color: false })).toMatchSnapshot();
  });
});

describe('Function: clean', () => {
  it('turns newlines and tabs into spaces and control characters into visible escapes', () => {
    expect(clean('a\nb\tc\u001b[2Jd\u202ee')).toBe('a b c\\x1b[2Jd\\u{202e}e');
  });
});

describe('Function: oneLine', () => {
  it('keeps the first sentence, cut at a word with an ellipsis when it is too long', () => {
    expect(oneLine('Do this. Then that.', 40)).toBe('Do this.');
    expect(oneLine('Set the flag on every control-plane node and restart it', 30)).toBe('Set the flag on every…');
  });
});

describe('Function: wrap', () => {
  it('wraps at the width and cuts words longer than a line', () => {
    expect(wrap('aaa bbb ccc', 10)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap(`${'x'.repeat(25)} y`, 10)).toEqual(['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx y']);
    expect(wrap('', 10)).toEqual(['']);
  });
});

describe('Function: wrap (keepQuoted)', () => {
  it('never cuts a quoted phrase, keeps it with the text it touches, and loses nothing', () => {
    const text = 'Set "A b c d e f g h i j k l m n o p" and ("X y","Z w") then "Q r" done.';
    const lines = wrap(text, 12, { keepQuoted: true });
    expect(lines.join(' ')).toBe(text);
    for (const phrase of ['"A b c d e f g h i j k l m n o p"', '("X y","Z w")', '"Q r"']) {
      expect(lines.some((l) => l.includes(phrase))).toBe(true);
    }
  });
});
