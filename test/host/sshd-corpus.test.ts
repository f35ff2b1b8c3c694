/**
 * The sshd_config corpus: each fixture under sshd-fixtures/<case>/root is a host root with hand-written expectations
 * (expected.json). For every case, three views must agree on every expected key:
 *   - the file parser (the probe run against the root, its output parsed: the fallback when sshd -T cannot run),
 *   - the real daemon (`sshd -T`, and `sshd -T -C spec` for every connection spec the probe derived), run on a copy
 *     whose Include paths are rewritten into the root (the only change: sshd resolves them against the real /),
 *   - the expectations.
 * CI installs openssh-server; without sshd this test fails and says so.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { splitArgs } from '../../src/collectors/host/sshd/config';
import { parseSshdT } from '../../src/collectors/host/sshd/sshd-t';
import type { HostSshd } from '../../src/core/facts/host';
import { SSHD_OS_KEYS } from './sshd-os-keys';

const FIXTURES = join(__dirname, 'sshd-fixtures');
const SSHD = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'].find((p) => existsSync(p));
const cases = readdirSync(FIXTURES)
  .filter((d) => statSync(join(FIXTURES, d)).isDirectory())
  .sort();

interface Expected {
  description: string;
  expect: Record<string, Record<string, string>>;
}

let work = '';
let hostKey = '';
beforeAll(() => {
  if (!SSHD) throw new Error('sshd is not installed: apt-get install -y openssh-server (CI installs it)');
  // sshd -T refuses to run without its privilege separation directory, which only a started service creates.
  if (!existsSync('/run/sshd') && process.getuid?.() === 0) mkdirSync('/run/sshd', { mode: 0o755 });
  work = mkdtempSync(join(tmpdir(), 'cb-sshd-corpus-'));
  hostKey = join(work, 'hostkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Rewrites every Include argument of the copy so that sshd resolves it inside `root` (relative: /etc/ssh). */
function rewriteIncludes(root: string): void {
  for (const file of listFiles(join(root, 'etc/ssh'))) {
    const text = readFileSync(file, 'utf8');
    const out = text.split('\n').map((line) => {
      const m = /^(\s*)(include)(\s*=\s*|\s+)(.*)$/i.exec(line);
      if (!m) return line;
      const args = splitArgs(m[4]) ?? [];
      const abs = args.map((a) => JSON.stringify(a.startsWith('/') ? `${root}${a}` : `${root}/etc/ssh/${a}`));
      return `${m[1]}${m[2]} ${abs.join(' ')}`;
    });
    writeFileSync(file, out.join('\n'));
  }
}

/**
 * The daemon's view, or null for the one case sshd itself refuses: the global view (no -C) of a configuration with
 * Match LocalAddress/LocalPort, which sshd -T can only evaluate for a spec that names laddr and lport.
 */
function sshdT(config: string, spec?: string): Record<string, string> | null {
  const args = ['-T', '-f', config, '-h', hostKey, ...(spec ? ['-C', spec] : [])];
  try {
    return parseSshdT(execFileSync(SSHD!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '');
    if (!spec && /not in connection test specification/.test(stderr)) return null;
    throw new Error(`sshd ${args.join(' ')} failed: ${stderr}`);
  }
}

const COMPARED = [
  'permitrootlogin',
  'passwordauthentication',
  'pubkeyauthentication',
  'permitemptypasswords',
  'kbdinteractiveauthentication',
  'maxauthtries',
  ...SSHD_OS_KEYS,
];

describe('sshd_config corpus: sshd -T, the file parser and hand-written expectations agree', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
    const dir = join(work, name);
    const root = join(dir, 'node');
    cpSync(join(FIXTURES, name, 'root'), root, { recursive: true });
    // The system's own accounts, so that the probe's Match Group choices are what sshd resolves.
    copyFileSync('/etc/passwd', join(root, 'etc/passwd'));
    copyFileSync('/etc/group', join(root, 'etc/group'));

    // The file parser, through the real probe.
    const run = await runProbe(root);
    const facts = parseProbeOutput(run.stdout, { name, kind: 'host' });
    const fact = facts.facts['host.sshd'];
    if (!fact?.ok) throw new Error(`the probe gave no sshd view: ${fact?.reason}`);
    const files: HostSshd = fact.value;
    expect(files.source).toBe('files');
    const byContext = new Map(files.contexts.map((c) => [c.context, c.settings]));
    const byContextNote = new Map(files.contexts.map((c) => [c.context, c.note]));

    // The daemon, on a copy with Include paths made absolute inside the copy.
    const tRoot = join(dir, 'sshd-T');
    cpSync(join(FIXTURES, name, 'root'), tRoot, { recursive: true });
    rewriteIncludes(tRoot);
    const config = join(tRoot, 'etc/ssh/sshd_config');
    const problems: string[] = [];
    for (const c of files.contexts) {
      // A Match Group without a local member: sshd cannot evaluate it (it resolves real groups), only the files can.
      if (c.note) continue;
      const daemon = sshdT(config, c.context === 'global' ? undefined : c.context);
      if (daemon === null) continue;
      const keys = [...COMPARED, ...['ciphers', 'macs', 'kexalgorithms'].filter((k) => k in c.settings)];
      for (const key of keys) {
        if (daemon[key] !== c.settings[key]) {
          problems.push(`${c.context}: ${key}: sshd -T says ${daemon[key]}, the file parser says ${c.settings[key]}`);
        }
      }
    }
    // The expectations, for both.
    for (const [context, settings] of Object.entries(expected.expect)) {
      const parsed = byContext.get(context);
      if (!parsed) {
        problems.push(`${context}: the probe derived no such context (it has ${[...byContext.keys()].join(' | ')})`);
        continue;
      }
      const daemon = byContextNote.get(context) ? null : sshdT(config, context === 'global' ? undefined : context);
      for (const [key, value] of Object.entries(settings)) {
        if (parsed[key] !== value)
          problems.push(`${context}: ${key}: expected ${value}, the file parser says ${parsed[key]}`);
        if (daemon && daemon[key] !== value)
          problems.push(`${context}: ${key}: expected ${value}, sshd -T says ${daemon[key]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
