/**
 * The shape of every `compliance-bot` command. One definition gives the parser (commander, src/cli/program.ts),
 * the command's `--help` and its line in the program's help; the command's body receives a context and the flags.
 */
import type { CliContext } from './context';

/** Flags as given, keyed by their long name without the dashes (`days`, `no-store`); a switch is `true`. */
export type Flags = Record<string, string | boolean | undefined>;

export interface OptionSpec {
  /** commander's syntax: `--days <N>`, `-n, --namespace <NAME>`, `--dry-run`, `--no-store`. */
  flags: string;
  description: string;
  /** A heading that groups options in the help (`Targets:`). */
  group?: string;
  /** The option may be given more than once: its values arrive joined by commas (`--framework A --framework B`). */
  repeatable?: boolean;
}

export interface ArgumentSpec {
  /** Upper case, as shown in the usage line: `VERB`. */
  name: string;
  description: string;
  optional?: boolean;
}

export interface CommandSpec<F extends Flags = Flags> {
  name: string;
  /** One line for the program's list of commands. */
  summary: string;
  /** The paragraph of the command's `--help` (default: the summary). */
  description?: string;
  arguments?: readonly ArgumentSpec[];
  /** The message when a required argument is missing (default: commander's). */
  missingArguments?: string;
  options: readonly OptionSpec[];
  /** Text after the options in `--help`: environment, exit codes, examples. */
  epilogue?: string;
  run(ctx: CliContext, flags: F, args: string[]): Promise<number>;
}

/** Declares a command; the flags' type is the command's own (every key a long option name of `options`). */
export function defineCommand<F extends Flags>(spec: CommandSpec<F>): CommandSpec<F> {
  return spec;
}

/** Options most commands share. */
export const STORE_OPTION: OptionSpec = {
  flags: '--store <DIR|s3://BUCKET/PREFIX>',
  description: "where snapshots and waivers are (default: the configuration's store, else .compliance-bot/)",
};
export const CONFIG_OPTION: OptionSpec = {
  flags: '--config <FILE>',
  description: 'configuration file (default ./compliance-bot.config.yaml when present)',
};
