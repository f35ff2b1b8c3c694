import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { summaryPostureFor } from '../app/posture';
import type { StoreConfig } from '../config/schema';
import { errorMessage } from '../core/errors';
import { openStores, parseStoreSpec, type Stores } from '../store/open';
import { s3ClientFromEnv } from '../store/s3-client';
import { StoreError } from '../store/types';
import type { ProblemSink } from '../store/util';
import type { LoadedConfig } from './config';
import { UsageError } from './errors';

export interface OpenedStores {
  stores: Stores;
  /** The store actually opened: `--store`, else the configuration's, a local folder made absolute. */
  storeConfig: StoreConfig;
  /** The S3 client of an s3 store (from the command's environment), shared with the Slack markers. */
  s3?: S3Client;
}

/**
 * The stores of a CLI command: `--store DIR|s3://BUCKET/PREFIX` or the configuration's `store`. A local folder
 * given on the command line resolves against the cwd, one from the configuration against the file's folder.
 */
export function openCliStores(
  spec: string | undefined,
  { config, baseDir }: LoadedConfig,
  env: { cwd: string; env: NodeJS.ProcessEnv; now?: () => Date },
  onProblem: ProblemSink,
): OpenedStores {
  let storeConfig: StoreConfig;
  try {
    storeConfig = spec !== undefined ? parseStoreSpec(spec) : config.store;
  } catch (err) {
    if (err instanceof StoreError) throw new UsageError(`--store: ${err.message}`);
    throw err;
  }
  if (storeConfig.type === 'local') {
    storeConfig = { ...storeConfig, dir: resolve(spec !== undefined ? env.cwd : baseDir, storeConfig.dir) };
    // A folder that does not exist yet is made by the first scan; a file in its place is a mistake to name now.
    if (existsSync(storeConfig.dir) && !statSync(storeConfig.dir).isDirectory()) {
      throw new UsageError(
        `${spec !== undefined ? `--store ${spec.slice(0, 200)}` : `the configuration's store ${storeConfig.dir}`}: a file, not a folder; give a folder (made if missing) or s3://BUCKET/PREFIX`,
      );
    }
  }
  let s3: S3Client | undefined;
  if (storeConfig.type === 's3') {
    try {
      s3 = s3ClientFromEnv(env.env);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
  }
  const stores = openStores(storeConfig, {
    onProblem,
    maxWaiverDays: config.waivers.maxDays,
    posture: summaryPostureFor(config),
    ...(env.now ? { clock: env.now } : {}),
    ...(s3 ? { s3 } : {}),
  });
  return { stores, storeConfig, ...(s3 ? { s3 } : {}) };
}
