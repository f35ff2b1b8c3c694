/**
 * RBAC facts beside the cluster snapshots: the roles, bindings and subjects a scan collected (no secrets: RBAC
 * objects hold none), so `who-can` can answer from the last scan instead of collecting every cluster again. A
 * separate object kind, outside the snapshot format and its hash chain: written once per scan, under
 * `_rbac/<scope>/` (layout.ts), and expired by its own lifecycle rule (infra/bucket.yml expire-rbac-facts).
 */

import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { errorMessage } from '../core/errors';
import type { KNamespace, KNetworkPolicy, KRbac, KWorkload } from '../core/facts/k8s';
import type { Snapshot, TargetFacts } from '../core/model';
import { compactTime, RBAC_FACTS_DIR } from './layout';
import { writeOnce } from './local';
import { normalisePrefix, S3Access, type S3Location } from './s3';
import { assertScope, StoreError } from './types';
import { type ProblemSink, stderrProblemSink } from './util';

export interface StoredRbacFacts {
  factsVersion: 1;
  /** The snapshot scope (`<deployment>/cluster/<name>`). */
  scope: string;
  /** The cluster (the snapshot's target name). */
  target: string;
  scanId: string;
  /** When the scan that collected them started: the facts are at least this recent. */
  collectedAt: string;
  rbac: KRbac;
  /**
   * The facts NetworkPolicy reachability reads (`can-reach` in Slack), when the scan collected all three; absent in
   * facts stored before they were kept, or when one could not be collected.
   */
  network?: StoredNetworkFacts;
}

export interface StoredNetworkFacts {
  namespaces: KNamespace[];
  workloads: KWorkload[];
  policies: KNetworkPolicy[];
}

export interface RbacFactsStore {
  readonly location: string;
  /** Stores the facts once (a second save of the same scan finds them there and does nothing). */
  save(facts: StoredRbacFacts): Promise<void>;
  /** The newest readable facts of a scope; unreadable ones are reported and skipped. */
  latest(scope: string): Promise<StoredRbacFacts | null>;
}

const NAME_RE = /^\d{8}T\d{9}Z_[A-Za-z0-9][A-Za-z0-9-]{0,63}\.json\.gz$/;

/** The folder of a scope's RBAC facts, relative to the store root. */
export function rbacFactsFolder(scope: string): string {
  assertScope(scope);
  return `${RBAC_FACTS_DIR}/${scope.replaceAll('/', '~')}`;
}

export function rbacFactsName(facts: Pick<StoredRbacFacts, 'collectedAt' | 'scanId'>): string {
  const name = `${compactTime(facts.collectedAt)}_${facts.scanId}.json.gz`;
  if (!NAME_RE.test(name)) throw new StoreError(`invalid scanId "${facts.scanId}" for RBAC facts`);
  return name;
}

/**
 * The RBAC facts of a cluster scan, when its scope is one cluster's series (as every scope of the nightly scan and the
 * worker is); none when they could not be collected, or when the scope mixes several clusters (`scan --scope`).
 */
export function rbacFactsOf(snapshot: Pick<Snapshot, 'scope' | 'scanId' | 'startedAt'>, facts: readonly TargetFacts[]) {
  const out: StoredRbacFacts[] = [];
  if (facts.filter((tf) => tf.target.kind === 'cluster').length !== 1) return out;
  for (const tf of facts) {
    const rbac = tf.target.kind === 'cluster' ? tf.facts['k8s.rbac'] : undefined;
    if (!rbac?.ok) continue;
    const ns = tf.facts['k8s.namespaces'];
    const wl = tf.facts['k8s.workloads'];
    const np = tf.facts['k8s.networkPolicies'];
    out.push({
      factsVersion: 1,
      scope: snapshot.scope,
      target: tf.target.name,
      scanId: snapshot.scanId,
      collectedAt: snapshot.startedAt,
      rbac: { roles: rbac.value.roles, bindings: rbac.value.bindings },
      ...(ns?.ok && wl?.ok && np?.ok
        ? { network: { namespaces: ns.value, workloads: wl.value, policies: np.value } }
        : {}),
    });
  }
  return out;
}

export function encodeRbacFacts(facts: StoredRbacFacts): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(facts), 'utf8'));
}

export function decodeRbacFacts(bytes: Buffer, key: string): StoredRbacFacts {
  let v: Partial<StoredRbacFacts>;
  try {
    v = JSON.parse(gunzipSync(bytes).toString('utf8')) as Partial<StoredRbacFacts>;
  } catch (err) {
    throw new StoreError(`${key}: not gzip JSON: ${errorMessage(err)}`, key);
  }
  if (v?.factsVersion !== 1) throw new StoreError(`${key}: unknown RBAC facts version ${String(v?.factsVersion)}`, key);
  if (
    typeof v.scope !== 'string' ||
    typeof v.target !== 'string' ||
    typeof v.scanId !== 'string' ||
    typeof v.collectedAt !== 'string' ||
    Number.isNaN(Date.parse(v.collectedAt)) ||
    !Array.isArray(v.rbac?.roles) ||
    !Array.isArray(v.rbac?.bindings) ||
    (v.network !== undefined &&
      (!Array.isArray(v.network?.namespaces) ||
        !Array.isArray(v.network?.workloads) ||
        !Array.isArray(v.network?.policies)))
  ) {
    throw new StoreError(`${key}: malformed RBAC facts`, key);
  }
  return v as StoredRbacFacts;
}

/** Shared by both backends: newest name first, the first readable one wins. */
async function newest(
  names: string[] | null,
  scope: string,
  read: (name: string) => Promise<Buffer | null>,
  keyOf: (name: string) => string,
  onProblem: ProblemSink,
): Promise<StoredRbacFacts | null> {
  const candidates = (names ?? [])
    .filter((n) => NAME_RE.test(n))
    .sort()
    .reverse();
  for (const name of candidates) {
    const bytes = await read(name);
    if (!bytes) continue;
    try {
      const facts = decodeRbacFacts(bytes, keyOf(name));
      if (facts.scope !== scope) throw new StoreError(`${keyOf(name)}: its scope does not match its key`);
      return facts;
    } catch (err) {
      onProblem({ key: keyOf(name), problem: errorMessage(err) });
    }
  }
  return null;
}

export class LocalRbacFactsStore implements RbacFactsStore {
  readonly location: string;
  private readonly root: string;
  private readonly onProblem: ProblemSink;

  constructor(dir: string, options: { onProblem?: ProblemSink } = {}) {
    this.location = dir;
    this.root = resolve(dir);
    this.onProblem = options.onProblem ?? stderrProblemSink;
  }

  async save(facts: StoredRbacFacts): Promise<void> {
    const folder = join(this.root, ...rbacFactsFolder(facts.scope).split('/'));
    await mkdir(folder, { recursive: true, mode: 0o750 });
    const key = `${rbacFactsFolder(facts.scope)}/${rbacFactsName(facts)}`;
    try {
      await writeOnce(join(folder, rbacFactsName(facts)), encodeRbacFacts(facts), key, this.location);
    } catch (err) {
      if (err instanceof StoreError && /already exists/.test(err.message)) return;
      throw err;
    }
  }

  async latest(scope: string): Promise<StoredRbacFacts | null> {
    const folder = join(this.root, ...rbacFactsFolder(scope).split('/'));
    let names: string[] | null;
    try {
      names = await readdir(folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(`cannot read ${folder}: ${errorMessage(err)}`);
    }
    return newest(
      names,
      scope,
      (name) => readFile(join(folder, name)),
      (name) => `${rbacFactsFolder(scope)}/${name}`,
      this.onProblem,
    );
  }
}

export class S3RbacFactsStore implements RbacFactsStore {
  readonly location: string;
  private readonly io: S3Access;
  private readonly onProblem: ProblemSink;

  constructor(s3: S3Client, options: S3Location & { onProblem?: ProblemSink }) {
    this.io = new S3Access(s3, { ...options, prefix: normalisePrefix(options.prefix) }, {});
    this.location = this.io.location;
    this.onProblem = options.onProblem ?? stderrProblemSink;
  }

  async save(facts: StoredRbacFacts): Promise<void> {
    const key = `${rbacFactsFolder(facts.scope)}/${rbacFactsName(facts)}`;
    // If-None-Match: written once (the bucket policy refuses anything else); a 412 means this scan's facts are there.
    const out = await this.io.putConditional(key, encodeRbacFacts(facts), 'application/gzip', {});
    if (out === 'conflict') throw new StoreError(`${key}: a concurrent write is in flight`, key);
  }

  async latest(scope: string): Promise<StoredRbacFacts | null> {
    const folder = rbacFactsFolder(scope);
    return newest(
      await this.io.listDir(folder),
      scope,
      async (name) => (await this.io.getBytes(`${folder}/${name}`))?.bytes ?? null,
      (name) => `${folder}/${name}`,
      this.onProblem,
    );
  }
}
