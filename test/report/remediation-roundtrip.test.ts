/**
 * A fix copied from a report must work: for every SSH check, the sshd_config lines its remediation suggests are
 * read back from each format as a person would copy them (a code span, a quoted phrase, the text of a JSON or XML
 * value), must be exactly the lines the check suggests, and the real `sshd -t` must accept them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checks } from '../../checks';
import { fingerprint } from '../../src/core/fingerprint';
import type { CheckMeta, Result } from '../../src/core/model';
import { renderCatalogue } from '../../src/report/catalogue';
import { renderJunit } from '../../src/report/junit';
import { renderMarkdown } from '../../src/report/markdown';
import { renderSarif } from '../../src/report/sarif';
import { renderScanReport } from '../../src/report/slack-blocks';
import { renderText } from '../../src/report/text';
import type { ReportInput } from '../../src/report/types';
import { emptyDiff, snapshot } from '../support/report-scenario';
import { parseXml, type XmlElement } from '../support/xml';

const SSHD = '/usr/sbin/sshd';
const sshChecks: CheckMeta[] = checks.filter((c) => c.id.startsWith('host.ssh.'));
/** A quoted phrase that is an sshd_config line: a keyword (capitalised, as sshd_config writes it) and a value. */
const CONFIG_LINE = /^[A-Z][A-Za-z]+ \S/;
const quoted = (text: string) => [...text.matchAll(/"([^"\n]+)"/g)].map((m) => m[1]);
const codeSpans = (md: string) => [...md.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].replace(/\\\|/g, '|'));
const configLines = (phrases: string[]) => phrases.filter((p) => CONFIG_LINE.test(p));

/** What each check suggests, from its definition: the reference every format is held to. */
const suggested = new Map(sshChecks.map((c) => [c.id, configLines(quoted(c.remediation))] as const));

const results: Result[] = sshChecks.map((c) => {
  const resource = { kind: 'SshdConfig', name: 'sshd' };
  return {
    checkId: c.id,
    status: 'fail',
    severity: 'high',
    target: 'node-1',
    resource,
    message: `${c.id} fails on node-1.`,
    fingerprint: fingerprint(c.id, 'node-1', resource),
  };
});
const input: ReportInput = {
  snapshot: snapshot({ targets: [{ name: 'node-1', kind: 'host', status: 'assessed' }], results }),
  diff: emptyDiff({ regressions: results.map((result) => ({ result, reason: 'new' as const })) }),
  checks: sshChecks,
};

/** The remediation of each check as a format shows it, in the form a person copies from. */
const FORMATS: Record<string, () => Map<string, string[]>> = {
  'text (verbose)': () => fromText(renderText(input, { color: false, verbose: true, width: 100 })),
  'text (default)': () => fromText(renderText(input, { color: false, width: 100 })),
  markdown: () => {
    const md = renderMarkdown(input);
    return new Map(
      sshChecks.map((c) => {
        const line = md.split('\n').find((l) => l.startsWith(`- \`${c.id}\``)) ?? '';
        return [c.id, configLines(codeSpans(line.slice(`- \`${c.id}\``.length)))];
      }),
    );
  },
  'sarif help.text': () => fromSarif((rule) => quoted(rule.help.text)),
  'sarif help.markdown': () => fromSarif((rule) => codeSpans(rule.help.markdown)),
  junit: () => {
    const root = parseXml(renderJunit(input));
    const cases = root.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    return new Map(
      cases.map((tc: XmlElement) => {
        const body = tc.children.find((c) => c.name === 'failure')?.text ?? '';
        const fix = body.split('\n').find((l) => l.startsWith('Remediation: ')) ?? '';
        return [tc.attrs.classname, configLines(quoted(fix))];
      }),
    );
  },
  slack: () => {
    const remediationOf = (id: string) => sshChecks.find((c) => c.id === id)?.remediation;
    const sections = renderScanReport(input.snapshot, input.diff!, { remediationOf })
      .messages.flatMap((m) => m.blocks)
      .map((b) => (b as { text?: { text?: string } }).text?.text ?? '');
    return new Map(
      sshChecks.map((c) => {
        const section = sections.find((t) => t.includes(`\`${c.id}\``)) ?? '';
        const fix = (section.split('\n').find((l) => l.startsWith('_Fix:_ ')) ?? '')
          .replace(/&gt;/g, '>')
          .replace(/&lt;/g, '<')
          .replace(/&amp;/g, '&');
        return [c.id, configLines(codeSpans(fix))];
      }),
    );
  },
  'checks --format markdown': () => {
    const md = renderCatalogue(sshChecks, 'markdown');
    return new Map(
      sshChecks.map((c) => {
        const at = md.indexOf(`### ${c.id}`);
        const line =
          md
            .slice(at)
            .split('\n')
            .find((l) => l.startsWith('Remediation: ')) ?? '';
        return [c.id, configLines(codeSpans(line))];
      }),
    );
  },
  'checks --format text': () => {
    const text = renderCatalogue(sshChecks, 'text');
    return new Map(
      sshChecks.map((c) => {
        const lines = text.split('\n');
        const at = lines.findIndex((l) => l.includes(c.id));
        const fixAt = lines.findIndex((l, i) => i > at && l.trim().startsWith('Fix: '));
        const fix = paragraph(lines, fixAt);
        for (const p of quoted(fix)) expect(lines.some((l) => l.includes(`"${p}"`))).toBe(true);
        return [c.id, configLines(quoted(fix))];
      }),
    );
  },
};

/** A wrapped paragraph read back as one line: its continuation lines are the ones that follow at its indent or more. */
function paragraph(lines: string[], start: number): string {
  const indent = (l: string) => l.length - l.trimStart().length;
  const out = [lines[start].trim()];
  for (let i = start + 1; i < lines.length && indent(lines[i]) >= indent(lines[start]) && lines[i].trim(); i++) {
    out.push(lines[i].trim());
  }
  return out.join(' ');
}

function fromText(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const out = new Map<string, string[]>();
  for (const c of sshChecks) {
    const head = lines.findIndex((l) => l.trim().startsWith(`${c.id} · node-1 · `) && !l.includes('[new]'));
    const fixAt = lines.findIndex((l, i) => i > head && l.trim().startsWith('Fix: '));
    const fix = paragraph(lines, fixAt);
    // Nothing half-quoted: a phrase cut short would be copied broken.
    expect({ check: c.id, quotes: (fix.match(/"/g) ?? []).length % 2 }).toEqual({ check: c.id, quotes: 0 });
    // Every quoted phrase stays on one line of the terminal, so a copied line is a whole setting.
    for (const p of quoted(fix)) expect(lines.some((l) => l.includes(`"${p}"`))).toBe(true);
    out.set(c.id, configLines(quoted(fix)));
  }
  return out;
}

function fromSarif(get: (rule: { help: { text: string; markdown: string } }) => string[]): Map<string, string[]> {
  const rules = JSON.parse(renderSarif(input)).runs[0].tool.driver.rules;
  return new Map(
    rules.map((r: { id: string; help: { text: string; markdown: string } }) => [r.id, configLines(get(r))]),
  );
}

let work = '';
let hostKey = '';
beforeAll(() => {
  if (!existsSync(SSHD)) throw new Error('sshd is not installed: apt-get install -y openssh-server');
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  work = mkdtempSync(join(tmpdir(), 'cb-remediation-'));
  hostKey = join(work, 'hostkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** sshd's verdict on a configuration made of `lines`: null when accepted, else its message. */
function sshdRefusal(lines: string[], name: string): string | null {
  const file = join(work, `${name.replace(/\W+/g, '-')}.conf`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = spawnSync(SSHD, ['-t', '-f', file, '-h', hostKey], { encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr.trim();
}

describe('Remediation round trip through sshd -t', () => {
  it('has sshd_config lines to suggest, and sshd -t accepts them as the checks write them', () => {
    const all = [...suggested.values()].flat();
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all).toEqual(expect.arrayContaining(['PermitRootLogin no', 'MaxAuthTries 4']));
    expect(sshdRefusal(all, 'reference')).toBeNull();
  });

  it('rejects a line altered as a mention neutraliser would, so the round trip is not vacuous', () => {
    const crypto = suggested.get('host.ssh.strong-crypto') ?? [];
    const altered = crypto.map((l) => l.replace(/@/g, '@\u2060'));
    expect(sshdRefusal(altered, 'altered')).not.toBeNull();
  });

  it.each(Object.keys(FORMATS))('%s: every suggested line reads back exactly and sshd -t accepts it', (format) => {
    const shown = FORMATS[format]();
    const lines: string[] = [];
    for (const c of sshChecks) {
      const got = shown.get(c.id) ?? [];
      const want = suggested.get(c.id) ?? [];
      if (format === 'text (default)') {
        // The default text report shows the first sentence of the fix: what it shows is whole and exact.
        for (const l of got) expect(want).toContain(l);
      } else {
        expect({ check: c.id, lines: got }).toEqual({ check: c.id, lines: want });
      }
      lines.push(...got);
    }
    expect(sshdRefusal(lines, format)).toBeNull();
  });
});
