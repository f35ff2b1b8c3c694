/** Where the Slack delivery markers live: beside the snapshots, in the configured store (src/slack/markers.ts). */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/schema';
import { s3ClientFromEnv } from '../store/s3-client';
import { LocalMarkerStore, type MarkerStore, S3MarkerStore } from './markers';

export function markerStoreFor(config: Config, s3?: S3Client): MarkerStore {
  if (config.store.type === 'local') return new LocalMarkerStore(config.store.dir);
  return new S3MarkerStore(s3 ?? s3ClientFromEnv(), config.store.bucket, `${config.store.prefix}markers/`);
}
