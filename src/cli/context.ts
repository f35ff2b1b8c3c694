/**
 * The context of one CLI command, built once by the runner (src/cli/program.ts) from the io and the shared flags
 * `--config` and `--store`. The configuration and the stores are opened on first use, so a command that needs
 * neither (checks, who-can) never reads them, and a usage error is reported before a configuration error.
 */
import type { StoreConfig } from '../config/schema';
import type { MarkerStore } from '../store/markers';
import { markerStoreFor } from '../store/markers';
import type { Stores } from '../store/open';
import type { ProblemSink } from '../store/util';
import { type LoadedConfig, loadCliConfig } from './config';
import type { CliIo, CommandIo } from './io';
import { type OpenedStores, openCliStores } from './stores';

export interface CliContext {
  /** The command's name, for messages: `compliance-bot NAME: …`. */
  readonly command: string;
  readonly io: CommandIo;
  now(): Date;
  /** `--config FILE`, else ./compliance-bot.config.yaml when present, else the defaults. */
  config(): LoadedConfig;
  /**
   * `--store`, else the configuration's store. `onProblem` hears of stored objects that are skipped (the first
   * call's sink is kept); by default each is a warning on stderr.
   */
  stores(onProblem?: ProblemSink): Stores;
  /** The store opened by stores(), local folders made absolute. */
  storeConfig(): StoreConfig;
  /** The Slack post markers beside the store: a scan or a day is posted once. */
  markers(): MarkerStore;
}

export interface SharedFlags {
  config?: string;
  store?: string;
}

export function createContext(command: string, io: CliIo, flags: SharedFlags): CliContext {
  const env = io.env ?? process.env;
  const now = io.now ?? (() => new Date());
  const full = { ...io, env, now };
  let loaded: LoadedConfig | undefined;
  let opened: OpenedStores | undefined;
  let markers: MarkerStore | undefined;
  const config = () => {
    loaded ??= loadCliConfig(io.cwd, flags.config);
    return loaded;
  };
  const open = (onProblem?: ProblemSink) => {
    opened ??= openCliStores(
      flags.store,
      config(),
      full,
      onProblem ?? ((p) => io.stderr(`compliance-bot: warning: skipped stored snapshot ${p.key}: ${p.problem}\n`)),
    );
    return opened;
  };
  return {
    command,
    io: full,
    now,
    config,
    stores: (onProblem) => open(onProblem).stores,
    storeConfig: () => open().storeConfig,
    markers() {
      const { storeConfig, s3 } = open();
      markers ??= markerStoreFor({ ...config().config, store: storeConfig }, s3);
      return markers;
    },
  };
}
