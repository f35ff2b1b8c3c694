/**
 * Property-based: random sshd_config files generated from a grammar (keyword case, `=` or blanks, quotes,
 * comments, repeated keywords where the first wins, Match blocks on User, Address, Host and all), evaluated by the
 * file parser (the fallback when `sshd -T` cannot run on a node) and by the real `sshd -T`, for the global view and
 * for a connection (`-C user=…,host=…,addr=…`). They must agree on every setting the checks read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { evaluateFiles } from '../../src/collectors/host/sshd/config';
import { parseSpec } from '../../src/collectors/host/sshd/match';
import { parseSshdT } from '../../src/collectors/host/sshd/sshd-t';
import { record } from './support/ledger';

const SSHD = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'].find((p) => existsSync(p));
const SPEC = 'user=alice,host=bastion.example.com,addr=10.1.2.3';

const SETTINGS: Record<string, string[]> = {
  PermitRootLogin: ['yes', 'no', 'prohibit-password', 'without-password', 'forced-commands-only'],
  PasswordAuthentication: ['yes', 'no'],
  PubkeyAuthentication: ['yes', 'no'],
  KbdInteractiveAuthentication: ['yes', 'no'],
  ChallengeResponseAuthentication: ['yes', 'no'],
  PermitEmptyPasswords: ['yes', 'no'],
  MaxAuthTries: ['1', '3', '6', '10'],
};
const COMPARED = [
  'permitrootlogin',
  'passwordauthentication',
  'pubkeyauthentication',
  'permitemptypasswords',
  'kbdinteractiveauthentication',
  'maxauthtries',
];

const keywordCase = (k: string) =>
  fc.constantFrom(k, k.toLowerCase(), k.toUpperCase(), k[0].toLowerCase() + k.slice(1));
const setting = fc
  .constantFrom(...Object.keys(SETTINGS))
  .chain((k) =>
    fc.tuple(
      keywordCase(k),
      fc.constantFrom(...SETTINGS[k]),
      fc.constantFrom(' ', '\t', ' = ', '=', '  '),
      fc.boolean(),
      fc.constantFrom('', '  ', '\t'),
    ),
  )
  .map(([k, v, sep, quoted, indent]) => `${indent}${k}${sep}${quoted ? `"${v}"` : v}`);
const noise = fc.constantFrom('', '# a comment', '   # indented comment', '#PermitRootLogin yes');
const line = fc.oneof({ weight: 4, arbitrary: setting }, { weight: 1, arbitrary: noise });
const criteria = fc.constantFrom(
  'User alice',
  'User bob',
  'User alice,bob',
  'User *,!alice',
  'Address 10.0.0.0/8',
  'Address 192.168.0.0/16',
  'Host *.example.com',
  'Host other.example.org',
  'User alice Address 10.0.0.0/8',
  'all',
);
const matchBlock = fc
  .tuple(criteria, fc.constantFrom('Match', 'match', 'MATCH'), fc.array(setting, { minLength: 1, maxLength: 4 }))
  .map(([c, kw, body]) => [`${kw} ${c}`, ...body.map((b) => `  ${b.trim()}`)].join('\n'));
const config = fc
  .tuple(fc.array(line, { maxLength: 10 }), fc.array(matchBlock, { maxLength: 3 }))
  .map(([global, matches]) => `${[...global, ...matches].join('\n')}\n`);

let work = '';
let hostKey = '';
beforeAll(() => {
  if (!SSHD) throw new Error('sshd is not installed: apt-get install -y openssh-server (CI installs it)');
  if (!existsSync('/run/sshd') && process.getuid?.() === 0) mkdirSync('/run/sshd', { mode: 0o755 });
  work = mkdtempSync(join(tmpdir(), 'cb-sshd-grammar-'));
  hostKey = join(work, 'hostkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function sshdT(file: string, spec?: string): Record<string, string> {
  const args = ['-T', '-f', file, '-h', hostKey, ...(spec ? ['-C', spec] : [])];
  try {
    return parseSshdT(execFileSync(SSHD!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (err) {
    throw new Error(`sshd ${args.join(' ')} failed: ${String((err as { stderr?: unknown }).stderr ?? err)}`);
  }
}

describe('Function: evaluateFiles against sshd -T (property-based, generated sshd_config files)', () => {
  it('agrees with the real daemon on every compared setting, globally and for a connection', () => {
    let n = 0;
    fc.assert(
      fc.property(config, (text) => {
        n++;
        const file = join(work, `sshd_config-${n}`);
        writeFileSync(file, text);
        const files = new Map([['/etc/ssh/sshd_config', text]]);
        for (const spec of [undefined, SPEC]) {
          const daemon = sshdT(file, spec);
          const parsed = evaluateFiles(files, '/etc/ssh/sshd_config', spec ? parseSpec(spec) : null, spec ?? 'global');
          for (const key of COMPARED) {
            expect(`${spec ?? 'global'} ${key}=${parsed.context.settings[key]}`).toBe(
              `${spec ?? 'global'} ${key}=${daemon[key]}`,
            );
          }
        }
      }),
      { numRuns: 80, seed: 424242 },
    );
    record({
      area: 'Property',
      scenario: `${n} generated sshd_config files: file parser vs sshd -T`,
      outcome: 'identical on the 6 settings the checks read, globally and for a connection',
    });
  });
});
