import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result, snapshot } from '../../../test/s3/snapshots';
import { LocalSnapshotStore } from '../../store/local';
import { run as waive } from './waive';
import { run as waivers } from './waivers';

let dir: string;
let out: string;
let err: string;
const io = () => ({
  stdout: (s: string) => {
    out += s;
  },
  stderr: (s: string) => {
    err += s;
  },
  cwd: dir,
  env: { USER: 'tester' },
});
const alice = result('alice');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-cli-waive-'));
  out = '';
  err = '';
  const store = new LocalSnapshotStore(join(dir, 'store'));
  await store.save(snapshot({ startedAt: new Date().toISOString(), scope: 'prod', results: [alice] }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const storedWaivers = () => JSON.parse(readFileSync(join(dir, 'store', '_waivers.json'), 'utf8')).waivers;

describe('Command: waive', () => {
  it('waives an open finding with owner and ticket, filling in its check and target', async () => {
    const code = await waive(
      [alice.fingerprint, '--days', '30', '--reason', 'Break-glass account.', '--ticket', 'SEC-9', '--store', 'store'],
      io(),
    );
    expect([code, err]).toEqual([0, '']);
    expect(out).toMatch(
      new RegExp(
        `^Waived ${alice.fingerprint} \\(k8s.rbac.cluster-admin on demo: User alice\\) until .* \\[w-[0-9a-f]{10}\\], owner tester, ticket SEC-9\\.\\n$`,
      ),
    );
    expect(storedWaivers()).toEqual([
      expect.objectContaining({
        fingerprint: alice.fingerprint,
        checkId: 'k8s.rbac.cluster-admin',
        target: 'demo',
        owner: 'tester',
        createdBy: 'tester',
        ticket: 'SEC-9',
      }),
    ]);
  });

  it('refuses a fingerprint no snapshot shows failing, unless --force', async () => {
    const fp = 'abcdefabcdefabcdef00';
    expect(await waive([fp, '--days', '5', '--reason', 'Soon.', '--store', 'store'], io())).toBe(2);
    expect(err).toMatch(/shows abcdefabcdefabcdef00 failing: nothing was waived/);
    expect(await waive([fp, '--days', '5', '--reason', 'Soon.', '--store', 'store', '--force'], io())).toBe(0);
    expect(storedWaivers()).toHaveLength(1);
  });

  it('refuses a waiver longer than the maximum duration', async () => {
    expect(await waive([alice.fingerprint, '--days', '120', '--reason', 'Long.', '--store', 'store'], io())).toBe(2);
    expect(err).toMatch(/may last at most 90 days/);
  });

  it.each([
    [['--days', '5', '--reason', 'x'], /give exactly one FINGERPRINT/],
    [['not-a-fingerprint', '--days', '5', '--reason', 'x'], /is not a finding fingerprint/],
    [[alice.fingerprint, '--reason', 'x'], /--days N is required/],
    [[alice.fingerprint, '--days', '0', '--reason', 'x'], /at least 1/],
    [[alice.fingerprint, '--days', '5'], /--reason TEXT is required/],
    [[alice.fingerprint, '--days', '5', '--reason', 'x', '--nope'], /Unknown option '--nope'/],
  ])('exits 2 with a message for bad arguments %#', async (args, message) => {
    expect(await waive([...args, '--store', 'store'], io())).toBe(2);
    expect(err).toMatch(message);
  });

  it('uses the store of the configuration file, relative to the file', async () => {
    writeFileSync(join(dir, 'compliance-bot.config.yaml'), 'store:\n  type: local\n  dir: store\n');
    expect(await waive([alice.fingerprint, '--days', '7', '--reason', 'Configured.'], io())).toBe(0);
    expect(storedWaivers()).toHaveLength(1);
  });
});

describe('Command: waive (fingerprint prefix)', () => {
  const bob = { ...result('bob'), fingerprint: `abcdef0123${'4'.repeat(10)}` };
  const carol = { ...result('carol'), fingerprint: `abcdef0123${'5'.repeat(10)}` };
  beforeEach(async () => {
    const store = new LocalSnapshotStore(join(dir, 'store'));
    await store.save(snapshot({ startedAt: new Date().toISOString(), scope: 'staging', results: [bob, carol] }));
  });

  it('waives the one open finding a prefix names, as shown in the text report, storing its whole fingerprint', async () => {
    const code = await waive(
      [alice.fingerprint.slice(0, 10), '--days', '7', '--reason', 'Short.', '--store', 'store'],
      io(),
    );
    expect([code, err]).toEqual([0, '']);
    expect(out).toMatch(new RegExp(`^Waived ${alice.fingerprint} \\(k8s.rbac.cluster-admin on demo: User alice\\)`));
    expect(storedWaivers()).toEqual([expect.objectContaining({ fingerprint: alice.fingerprint, target: 'demo' })]);
  });

  it('refuses an ambiguous prefix, naming every candidate, and waives nothing', async () => {
    expect(await waive(['ABCDEF0123', '--days', '7', '--reason', 'Which?', '--store', 'store'], io())).toBe(2);
    expect(err).toContain('"ABCDEF0123" matches 2 open findings; give more characters of the fingerprint:');
    expect(err).toContain(`${bob.fingerprint} (k8s.rbac.cluster-admin on demo: User bob)`);
    expect(err).toContain(`${carol.fingerprint} (k8s.rbac.cluster-admin on demo: User carol)`);
    expect(() => storedWaivers()).toThrow();
    // One more character makes it unique.
    expect(
      await waive([bob.fingerprint.slice(0, 11), '--days', '7', '--reason', 'Bob.', '--store', 'store'], io()),
    ).toBe(0);
    expect(storedWaivers()).toEqual([expect.objectContaining({ fingerprint: bob.fingerprint })]);
  });

  it('refuses a prefix no open finding has, a too short one, and a prefix with --force', async () => {
    expect(await waive(['0000000000', '--days', '7', '--reason', 'x', '--store', 'store'], io())).toBe(2);
    expect(err).toMatch(/no open finding in .*store has a fingerprint starting with 0000000000: nothing was waived/);
    err = '';
    expect(await waive(['abcde', '--days', '7', '--reason', 'x', '--store', 'store'], io())).toBe(2);
    expect(err).toMatch(/"abcde" is too short: give at least 6 characters of the fingerprint/);
    err = '';
    expect(await waive(['0000000000', '--days', '7', '--reason', 'x', '--store', 'store', '--force'], io())).toBe(2);
    expect(err).toMatch(/--force needs the whole fingerprint \(20 characters\)/);
  });

  it('has a help that says where the fingerprint is shown and that a unique prefix is enough', async () => {
    expect(await waive(['--help'], io())).toBe(0);
    expect(out).toContain('FINGERPRINT');
    expect(out).toMatch(/text, Markdown, JSON, SARIF and\s+Slack reports/);
    expect(out).toMatch(/a unique prefix of at least 6\s+characters/);
  });
});

describe('Command: waivers', () => {
  it('lists waivers soonest first and flags those expiring within the window', async () => {
    await waive([alice.fingerprint, '--days', '60', '--reason', 'Later.', '--store', 'store'], io());
    await waive(['bbbbbbbbbbbbbbbbbbbb', '--days', '3', '--reason', 'Soon.', '--store', 'store', '--force'], io());
    out = '';
    expect(await waivers(['--store', 'store', '--expiring-days', '14'], io())).toBe(0);
    expect(out).toMatch(/^2 waiver\(s\) in .*store; 1 expire within 14 days:/);
    const soon = out.indexOf('bbbbbbbbbbbbbbbbbbbb  EXPIRING in 3 day(s)');
    const later = out.indexOf(`${alice.fingerprint}  in 60 day(s)`);
    expect(soon).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(soon);
    expect(out).toContain('k8s.rbac.cluster-admin on demo');
  });

  it('prints JSON with a status for each waiver', async () => {
    await waive([alice.fingerprint, '--days', '3', '--reason', 'Soon.', '--store', 'store'], io());
    out = '';
    expect(await waivers(['--store', 'store', '--format', 'json', '--expiring-days', '7'], io())).toBe(0);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ fingerprint: alice.fingerprint, status: 'expiring' })]);
  });

  it('removes a waiver by id, and exits 2 when there is none to remove', async () => {
    await waive([alice.fingerprint, '--days', '3', '--reason', 'Soon.', '--store', 'store'], io());
    const id = storedWaivers()[0].id;
    out = '';
    expect(await waivers(['--store', 'store', '--remove', id], io())).toBe(0);
    expect(out).toBe(`Removed waiver ${id} of ${alice.fingerprint}.\n`);
    expect(storedWaivers()).toEqual([]);
    expect(await waivers(['--store', 'store', '--remove', id], io())).toBe(2);
    expect(err).toMatch(/no waiver with id or fingerprint/);
  });

  it('says so when there are no waivers', async () => {
    expect(await waivers(['--store', 'store'], io())).toBe(0);
    expect(out).toMatch(/^No waivers in force/);
  });
});

describe('Command: waive (pattern)', () => {
  it('waives every finding of a check on a target whose resource matches, and lists it as a pattern', async () => {
    const code = await waive(
      [
        '--check',
        'k8s.rbac.cluster-admin',
        '--target',
        'demo',
        '--resource',
        'al*',
        '--days',
        '10',
        '--reason',
        'Break-glass accounts.',
        '--store',
        'store',
      ],
      io(),
    );
    expect([code, err]).toEqual([0, '']);
    expect(out).toMatch(/^Waived pattern \(k8s.rbac.cluster-admin on demo: al\*, 1 open finding\(s\) now\) until /);
    expect(storedWaivers()).toEqual([
      expect.objectContaining({
        fingerprint: '*',
        match: { checkId: 'k8s.rbac.cluster-admin', target: 'demo', resource: 'al*' },
      }),
    ]);
    out = '';
    await waivers(['--store', 'store'], io());
    expect(out).toContain('pattern k8s.rbac.cluster-admin on demo: al*  in 10 day(s)');
  });

  it('refuses a pattern that matches no open finding, and an incomplete pattern', async () => {
    const base = [
      '--check',
      'k8s.rbac.cluster-admin',
      '--target',
      'demo',
      '--days',
      '5',
      '--reason',
      'x',
      '--store',
      'store',
    ];
    expect(await waive([...base, '--resource', 'zed*'], io())).toBe(2);
    expect(err).toMatch(/shows a finding matching the pattern failing: nothing was waived/);
    expect(await waive(base, io())).toBe(2);
    expect(err).toMatch(/a pattern waiver needs --check, --target and --resource/);
  });
});
