/**
 * `compliance-bot waivers` flags a waiver EXPIRING in its last quarter or its last week, whichever comes later in its
 * life: never the day it is granted (the README's 14-day example), a 14-day one 3.5 days before its end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliOutcome, runCli } from '../support/cli';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const DAY = 86_400_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-expiring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], days = 0): Promise<CliOutcome> {
  return runCli(args, { cwd: dir, now: () => new Date(T0.getTime() + days * DAY) });
}

describe('CLI: waivers, expiring', () => {
  const fp = 'a'.repeat(20);
  // --force: the finding is in no stored snapshot of this empty store.
  const grant = () => cli(['waive', fp, '--days', '14', '--reason', 'Vendor fix due.', '--store', 'store', '--force']);

  it('does not flag a 14-day waiver the day it is granted, and flags it 3.5 days before its end', async () => {
    expect((await grant()).code).toBe(0);
    const fresh = await cli(['waivers', '--store', 'store']);
    expect(fresh.stdout).toContain(`${fp}  in 14 day(s)`);
    expect(fresh.stdout).not.toContain('EXPIRING');
    expect((await cli(['waivers', '--store', 'store'], 10)).stdout).not.toContain('EXPIRING');
    const late = await cli(['waivers', '--store', 'store'], 11);
    expect(late.stdout).toContain(`${fp}  EXPIRING in 3 day(s)`);
    expect(late.stdout).toMatch(/; 1 expiring soon:/);
    const json = await cli(['waivers', '--store', 'store', '--format', 'json'], 11);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ fingerprint: fp, status: 'expiring' })]);
  });

  it('keeps --expiring-days as an explicit window', async () => {
    await grant();
    const out = await cli(['waivers', '--store', 'store', '--expiring-days', '14']);
    expect(out.stdout).toContain(`${fp}  EXPIRING in 14 day(s)`);
    expect(out.stdout).toMatch(/; 1 expire within 14 days:/);
  });
});
