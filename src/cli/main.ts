/**
 * The `compliance-bot` command: the commands of the registry (src/cli/registry.ts), parsed and run by
 * src/cli/program.ts. In-process, so tests call main(argv, io) and read the exit code; bin/compliance-bot.js runs its
 * build.
 */
import { type CliIo, processIo } from './io';
import { runProgram } from './program';
import { COMMANDS } from './registry';

export { processIo };

export function main(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(COMMANDS, argv, io);
}
