import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { result, snapshot } from '../../../test/s3/snapshots';
import { LocalSnapshotStore } from '../../store/local';
import type { SnapshotRef } from '../../store/types';
import { run as verify } from './verify';

let dir: string;
let out: string;
let err: string;
let refs: SnapshotRef[];
const io = () => ({
  stdout: (s: string) => {
    out += s;
  },
  stderr: (s: string) => {
    err += s;
  },
  cwd: dir,
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-cli-verify-'));
  out = '';
  err = '';
  const store = new LocalSnapshotStore(join(dir, 'store'));
  refs = [];
  let previous: string | null = null;
  for (const day of ['28', '29', '30']) {
    const saved = await store.save(
      snapshot({ startedAt: `2026-11-${day}T02:00:00.000Z`, scope: 'prod', previousSha256: previous }),
    );
    refs.push(saved.ref);
    previous = saved.sha256;
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Command: verify', () => {
  it('exits 0 and says the chain is intact', async () => {
    expect(await verify(['--store', 'store'], io())).toBe(0);
    expect(out).toMatch(/^prod \(.*store\): intact: 3 snapshot\(s\), 2 link\(s\) verified, 1 head\(s\)\n$/);
  });

  it('exits 1 and names the snapshot whose bytes were changed', async () => {
    const path = join(dir, 'store', refs[1].key);
    const doc = JSON.parse(gunzipSync(readFileSync(path)).toString());
    doc.results = [result('alice', 'pass')];
    writeFileSync(path, gzipSync(JSON.stringify(doc)));
    expect(await verify(['--store', 'store', '--scope', 'prod'], io())).toBe(1);
    expect(out).toContain('DAMAGED');
    expect(out).toContain(`TAMPERED  ${refs[1].key}: its bytes changed after it was written`);
  });

  it('prints the reports as JSON', async () => {
    expect(await verify(['--store', 'store', '--format', 'json'], io())).toBe(0);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ scope: 'prod', snapshots: 3, ok: true, issues: [] })]);
  });

  it('reports a break for a parent before --since', async () => {
    expect(await verify(['--store', 'store', '--since', '2026-11-29'], io())).toBe(1);
    expect(out).toMatch(/BREAK .*not in the store: deleted, modified, or outside the range checked/);
  });

  it('exits 2 when the store has no snapshots or the arguments are wrong', async () => {
    expect(await verify(['--store', 'empty'], io())).toBe(2);
    expect(err).toMatch(/no snapshots in .*empty: nothing to verify/);
    expect(await verify(['--store', 'store', '--scope', '../x'], io())).toBe(2);
    expect(await verify(['--store', 'store', '--since', 'yesterday'], io())).toBe(2);
    expect(err).toMatch(/--since "yesterday": an ISO date/);
  });
});
