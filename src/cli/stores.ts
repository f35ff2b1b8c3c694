import { resolve } from 'node:path';
import type { Config } from '../config/schema';
import { openStores, parseStoreSpec, type Stores } from '../store/open';
import { StoreError } from '../store/types';
import type { ProblemSink } from '../store/util';
import { type CliIo, UsageError } from './io';

/** The stores of a CLI command: `--store` or the configuration's `store`; a local folder resolves against the cwd. */
export async function openCliStores(
  spec: string | undefined,
  config: Config,
  io: CliIo,
  baseDir: string,
  onProblem: ProblemSink,
): Promise<Stores> {
  let storeConfig: Config['store'];
  try {
    storeConfig = spec !== undefined ? parseStoreSpec(spec) : config.store;
  } catch (err) {
    if (err instanceof StoreError) throw new UsageError(`--store: ${err.message}`);
    throw err;
  }
  if (storeConfig.type === 'local') {
    storeConfig = { ...storeConfig, dir: resolve(spec !== undefined ? io.cwd : baseDir, storeConfig.dir) };
  }
  return openStores(storeConfig, { onProblem, maxWaiverDays: config.waivers.maxDays });
}
