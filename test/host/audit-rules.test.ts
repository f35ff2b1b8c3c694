/**
 * Audit rule syntax, differentially: every rule below is written as a rule file holds it, loaded into the kernel
 * with the real auditctl, and read back with `auditctl -l`, which prints it differently (a path rule as a watch,
 * `-k` as `-F key=`, `exit,always` as `always,exit`, `-S all` added). The collector must find the same file watches
 * in both forms. Rules carry a key of their own and are deleted by that key afterwards. CI installs auditd;
 * without auditctl this test fails and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditWatches } from '../../src/collectors/host/parse-os';

const AUDITCTL = ['/usr/sbin/auditctl', '/sbin/auditctl'].find((p) => existsSync(p));
const KEY = `cb-diff-${process.pid}`;
let dir = '';

beforeAll(() => {
  if (!AUDITCTL) throw new Error('auditctl is not installed: apt-get install -y auditd (CI installs it)');
  dir = mkdtempSync(join(tmpdir(), 'cb-audit-'));
  mkdirSync(join(dir, 'rules.d'));
});
afterAll(() => {
  if (AUDITCTL) execFileSync(AUDITCTL, ['-D', '-k', KEY], { stdio: 'ignore' });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const auditctl = (args: string[]) =>
  execFileSync(AUDITCTL!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const split = (rule: string) => rule.trim().split(/\s+/);
/** The comparable part of a watch: the path (no trailing slash) and the set of permissions. */
const shape = (rules: string[]) =>
  auditWatches(rules)
    .map((w) => `${w.path.replace(/(.)\/+$/, '$1')} ${[...w.perms].sort().join('')}`)
    .sort();

describe('auditWatches: rule files and auditctl -l agree', () => {
  const cases: [string, (d: string) => string][] = [
    ['a watch with -p wa and -k', () => `-w /etc/cb-identity-${process.pid} -p wa -k ${KEY}`],
    ['a watch without -p (every access)', () => `-w /etc/cb-all-${process.pid} -k ${KEY}`],
    ['a watch of a folder with a trailing slash', (d) => `-w ${d}/rules.d/ -p wa -k ${KEY}`],
    [
      'a path rule (printed as a watch)',
      () => `-a always,exit -F path=/etc/cb-path-${process.pid} -F perm=wa -k ${KEY}`,
    ],
    [
      'a dir rule written exit,always with arch',
      (d) => `-a exit,always -F arch=b64 -F dir=${d}/rules.d -F perm=wa -F key=${KEY}`,
    ],
    [
      'a syscall rule on a path (kept as a syscall rule)',
      () => `-a always,exit -F arch=b64 -S openat -F path=/etc/cb-sys-${process.pid} -F perm=w -k ${KEY}`,
    ],
  ];
  it.each(cases)('%s', (_name, make) => {
    const rule = make(dir);
    auditctl(split(rule));
    const listed = auditctl(['-l'])
      .split('\n')
      .filter((l) => l.includes(KEY));
    try {
      expect(listed).toHaveLength(1);
      expect(shape(listed)).toEqual(shape([rule]));
      expect(shape([rule])).toHaveLength(1);
    } finally {
      auditctl(['-D', '-k', KEY]);
    }
  });

  it('finds no watch in never rules, task rules or rules without a path', () => {
    expect(
      auditWatches([
        '-a never,exit -F path=/etc/passwd -F perm=wa',
        '-a always,task',
        '-a always,exit -F arch=b64 -S adjtimex -k time-change',
        '-e 2',
        '-D',
      ]),
    ).toEqual([]);
  });
});
