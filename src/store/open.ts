import type { S3Client } from '@aws-sdk/client-s3';
import type { StoreConfig } from '../config/schema';
import type { SummaryPosture } from '../core/posture';
import { LocalSnapshotStore } from './local';
import { LocalRbacFactsStore, type RbacFactsStore, S3RbacFactsStore } from './rbac-facts';
import { parseS3Url, S3SnapshotStore, S3WaiverBackend } from './s3';
import { s3ClientFromEnv } from './s3-client';
import { type HistoryStore, StoreError, type WaiverStore } from './types';
import type { ProblemSink } from './util';
import { DocumentWaiverStore, LocalWaiverBackend } from './waivers';

export interface OpenStoresDeps {
  /** The S3 client for an s3 store; default: one from the environment (AWS_ENDPOINT_URL_S3 honoured). */
  s3?: S3Client;
  /** Stored objects that are skipped (corrupt, foreign, newer schema). Default: a line on stderr. */
  onProblem?: ProblemSink;
  /** The longest a waiver may last, in days (default 90). */
  maxWaiverDays?: number;
  clock?: () => Date;
  /** Adds the control counts per framework to the snapshot summaries (src/core/posture.ts); absent: not recorded. */
  posture?: SummaryPosture;
}

export interface Stores {
  snapshots: HistoryStore;
  waivers: WaiverStore;
  /** RBAC facts beside the cluster snapshots, for `who-can`. */
  rbac: RbacFactsStore;
}

/**
 * Opens the snapshot and waiver stores named by the configuration's `store` or by `--store`: a directory, or
 * `s3://bucket/prefix`. Nothing is read or created until the stores are used.
 */
export function openStores(spec: StoreConfig | string, deps: OpenStoresDeps = {}): Stores {
  const config = typeof spec === 'string' ? parseStoreSpec(spec) : spec;
  const waiverOptions = { maxDays: deps.maxWaiverDays, clock: deps.clock };
  if (config.type === 'local') {
    return {
      snapshots: new LocalSnapshotStore(config.dir, { onProblem: deps.onProblem, posture: deps.posture }),
      waivers: new DocumentWaiverStore(new LocalWaiverBackend(config.dir), waiverOptions),
      rbac: new LocalRbacFactsStore(config.dir, { onProblem: deps.onProblem }),
    };
  }
  const s3 = deps.s3 ?? s3ClientFromEnv();
  const location = { bucket: config.bucket, prefix: config.prefix, kmsKeyId: config.kmsKeyId };
  return {
    snapshots: new S3SnapshotStore(s3, { ...location, onProblem: deps.onProblem, posture: deps.posture }),
    waivers: new DocumentWaiverStore(new S3WaiverBackend(s3, location), waiverOptions),
    rbac: new S3RbacFactsStore(s3, { ...location, onProblem: deps.onProblem }),
  };
}

/** `--store` text: `s3://bucket/prefix` or a directory. */
export function parseStoreSpec(spec: string): StoreConfig {
  if (spec.trim() === '') throw new StoreError('--store needs a directory or s3://bucket/prefix');
  if (/^s3:\/\//i.test(spec)) {
    const loc = parseS3Url(spec.replace(/^s3:/i, 's3:'));
    if (!loc) throw new StoreError(`invalid S3 location "${spec}": expected s3://bucket/prefix`);
    return { type: 's3', bucket: loc.bucket, prefix: loc.prefix };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    throw new StoreError(`unsupported store "${spec}": use a directory or s3://bucket/prefix`);
  }
  return { type: 'local', dir: spec };
}
