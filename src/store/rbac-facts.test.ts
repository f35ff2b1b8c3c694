/** RBAC facts beside the cluster snapshots: both backends (a folder, S3 over s3rver), write-once, newest readable. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type S3TestServer, startS3Server } from '../../test/s3/server';
import { tempDir } from '../../test/slack/support';
import type { TargetFacts } from '../core/model';
import {
  encodeRbacFacts,
  LocalRbacFactsStore,
  type RbacFactsStore,
  rbacFactsFolder,
  rbacFactsOf,
  S3RbacFactsStore,
  type StoredRbacFacts,
} from './rbac-facts';
import type { StoreProblem } from './types';

const rbac = {
  roles: [
    { kind: 'ClusterRole' as const, name: 'reader', labels: {}, rules: [{ verbs: ['get'], resources: ['pods'] }] },
  ],
  bindings: [],
};
const facts = (startedAt: string, scanId: string, over: Partial<StoredRbacFacts> = {}): StoredRbacFacts => ({
  factsVersion: 1,
  scope: 'prod/cluster/eu',
  target: 'eu',
  scanId,
  collectedAt: startedAt,
  rbac,
  ...over,
});

describe('Function: rbacFactsOf', () => {
  it('stores nothing for a scope that mixes clusters, or whose RBAC could not be collected', () => {
    const cluster = (name: string, ok: boolean): TargetFacts => ({
      target: { name, kind: 'cluster' },
      facts: { 'k8s.rbac': ok ? { ok: true, value: rbac } : { ok: false, reason: 'forbidden' } },
    });
    const snap = { scope: 'prod', scanId: 'x', startedAt: '2026-11-30T02:00:00.000Z' };
    expect(rbacFactsOf(snap, [cluster('eu', true), cluster('us', true)])).toEqual([]);
    expect(rbacFactsOf(snap, [cluster('us', false)])).toEqual([]);
  });

  it('keeps the RBAC facts of the cluster targets that were collected, and nothing else of the scan', () => {
    const collected: TargetFacts[] = [
      {
        target: { name: 'eu', kind: 'cluster' },
        facts: { 'k8s.rbac': { ok: true, value: rbac }, 'k8s.secrets': { ok: true, value: [] } },
      },
      { target: { name: 'node-1', kind: 'host' }, facts: {} },
    ];
    const snap = { scope: 'prod/cluster/eu', scanId: '20261130T020000Z-aa11bb', startedAt: '2026-11-30T02:00:00.000Z' };
    expect(rbacFactsOf(snap, collected)).toEqual([facts('2026-11-30T02:00:00.000Z', '20261130T020000Z-aa11bb')]);
  });
});

describe.each([
  ['LocalRbacFactsStore', 'local'],
  ['S3RbacFactsStore', 's3'],
])('Class: %s', (_name, kind) => {
  let server: S3TestServer | undefined;
  let store: RbacFactsStore;
  let problems: StoreProblem[];
  let writeRaw: (key: string, body: Buffer) => Promise<void>;
  let n = 0;

  beforeAll(async () => {
    if (kind === 's3') server = await startS3Server(['bucket']);
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => {
    problems = [];
    const onProblem = (p: StoreProblem) => problems.push(p);
    if (kind === 's3' && server) {
      const s3 = server.client();
      const prefix = `t${++n}/`;
      store = new S3RbacFactsStore(s3, { bucket: 'bucket', prefix, onProblem });
      writeRaw = async (key, body) => {
        await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: prefix + key, Body: body }));
      };
    } else {
      const dir = tempDir('rbac-facts-');
      store = new LocalRbacFactsStore(dir, { onProblem });
      writeRaw = async (key, body) => writeFileSync(join(dir, ...key.split('/')), body);
    }
  });

  it('answers null when a scope has none yet', async () => {
    expect(await store.latest('prod/cluster/eu')).toBeNull();
  });

  it('returns the newest facts of the scope; saving the same scan twice is harmless', async () => {
    await store.save(facts('2026-11-29T02:00:00.000Z', '20261129T020000Z-aa11bb'));
    await store.save(facts('2026-11-30T02:00:00.000Z', '20261130T020000Z-bb22cc'));
    await store.save(facts('2026-11-30T02:00:00.000Z', '20261130T020000Z-bb22cc'));
    await store.save(facts('2026-12-01T02:00:00.000Z', 'x1', { scope: 'prod/cluster/us', target: 'us' }));
    expect(await store.latest('prod/cluster/eu')).toEqual(facts('2026-11-30T02:00:00.000Z', '20261130T020000Z-bb22cc'));
  });

  it('skips an unreadable newest object, reporting it, and returns the one before', async () => {
    await store.save(facts('2026-11-29T02:00:00.000Z', 'older'));
    const folder = rbacFactsFolder('prod/cluster/eu');
    await writeRaw(`${folder}/20261130T020000000Z_broken.json.gz`, Buffer.from('not gzip'));
    await writeRaw(
      `${folder}/20261201T020000000Z_moved.json.gz`,
      encodeRbacFacts(facts('2026-12-01T02:00:00.000Z', 'moved', { scope: 'other/cluster/x' })),
    );
    expect((await store.latest('prod/cluster/eu'))?.scanId).toBe('older');
    expect(problems.map((p) => p.key).sort()).toEqual([
      `${folder}/20261130T020000000Z_broken.json.gz`,
      `${folder}/20261201T020000000Z_moved.json.gz`,
    ]);
  });

  it('refuses a scope that is not a scope name', async () => {
    await expect(store.latest('../etc')).rejects.toThrow(/invalid scope/);
  });
});
