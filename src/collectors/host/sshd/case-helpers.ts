/**
 * sshd_config cases judged twice: by the file parser (fast unit tests, run on every change) and by the real
 * `sshd -T` (a differential test that runs the daemon), so that every expectation of the unit tests is the daemon's
 * own behaviour, not our reading of servconf.c.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ConfigFiles, evaluateFiles, validateConfigFiles } from './config';
import { parseSpec } from './match';

export interface SshdCase {
  name: string;
  /**
   * Files by path under the case's folder; every `@` in a content stands for that folder, so an algorithm name with
   * `@` (`aes256-gcm@openssh.com`) cannot be written in a case. The main file is `main`.
   */
  files: Record<string, string>;
  /** The connection of `sshd -T -C`; none for the global view (no connection). */
  spec?: string;
  /** The groups of the spec's user, as the probe reads them from /etc/group (sshd asks the system). */
  groups?: string[];
  /** The settings sshd prints (only these keys are compared), or `refused` when sshd rejects the configuration. */
  expect: Record<string, string> | 'refused';
}

/** The folder the unit tests place a case in (any absolute path: the parser reads no disk). */
export const UNIT_DIR = '/cb/case';

/** The files of a case placed in `dir`, as the probe would report them. */
export function caseFiles(c: SshdCase, dir: string): ConfigFiles {
  const files: ConfigFiles = new Map();
  for (const [rel, content] of Object.entries(c.files)) files.set(join(dir, rel), content.replaceAll('@', dir));
  return files;
}

/** What the file parser makes of a case: the settings expected, or `refused` when it finds sshd would refuse. */
export function parserView(c: SshdCase, dir = UNIT_DIR): Record<string, string> | 'refused' {
  const files = caseFiles(c, dir);
  const main = join(dir, 'main');
  if (validateConfigFiles(files, main).length > 0) return 'refused';
  const { context } = evaluateFiles(files, main, c.spec ? parseSpec(c.spec, c.groups ?? []) : null, 'case');
  return c.expect === 'refused' ? context.settings : pick(context.settings, Object.keys(c.expect));
}

/**
 * What `sshd -T` prints, read without the code under test (so that the daemon runs do not depend on it): one
 * `keyword value` per line, repeated keywords accumulated, `without-password` named `prohibit-password` as the
 * parser names it.
 */
function readSshdT(out: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    const raw = line.slice(space + 1);
    const value = key === 'permitrootlogin' && raw === 'without-password' ? 'prohibit-password' : raw;
    settings[key] = key in settings ? `${settings[key]}\n${value}` : value;
  }
  return settings;
}

function pick(settings: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, settings[k]]));
}

/** Registers, for each case, a test that the real daemon behaves as the case expects. */
export function describeAgainstSshd(title: string, cases: SshdCase[]): void {
  // Mutation runs of the parsers (jest.mutation.parsers.config.js) skip the daemon: no parser mutant changes its answer.
  const describeDaemon = process.env.CB_MUTATION_NO_DAEMON === '1' ? describe.skip : describe;
  describeDaemon(title, () => {
    const sshd = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'].find((p) => existsSync(p));
    let work = '';
    let hostKey = '';
    beforeAll(() => {
      if (!sshd) throw new Error('sshd is not installed: apt-get install -y openssh-server (CI installs it)');
      if (!existsSync('/run/sshd') && process.getuid?.() === 0) mkdirSync('/run/sshd', { mode: 0o755 });
      work = mkdtempSync(join(tmpdir(), 'cb-sshd-cases-'));
      hostKey = join(work, 'hostkey');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
    });
    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it.each(cases.map((c, i) => [c.name, i] as const))('sshd -T agrees: %s', (_name, i) => {
      const c = cases[i];
      const dir = join(work, `case-${i}`);
      for (const [path, content] of caseFiles(c, dir)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content ?? '');
      }
      const args = ['-T', '-f', join(dir, 'main'), '-h', hostKey, ...(c.spec ? ['-C', c.spec] : [])];
      let daemon: Record<string, string> | 'refused';
      try {
        const out = execFileSync(sshd!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        daemon = c.expect === 'refused' ? readSshdT(out) : pick(readSshdT(out), Object.keys(c.expect));
      } catch (err) {
        if ((err as { status?: number }).status !== 255) throw err;
        daemon = 'refused';
      }
      expect(daemon).toEqual(c.expect);
    });
  });
}
