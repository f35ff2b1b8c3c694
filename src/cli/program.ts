/**
 * Turns command definitions (src/cli/command.ts) into a commander program and runs it: parsing, `--help` for the
 * program and each command, the context built once, and every error through exitCodeFor (src/cli/exit-code.ts).
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { TOOL } from '../version';
import type { CommandSpec, Flags } from './command';
import { EXIT, UsageError } from './errors';
import type { CliIo } from './io';

const DESCRIPTION = 'compliance checks for Kubernetes clusters and the hosts they run on.';
const HELP_AFTER = '\nWith no command, `compliance-bot` prints this help. `npm start` runs `compliance-bot scan`.';

interface Run {
  /** The command being parsed or run, for messages. */
  command?: string;
  code: number;
}

function addCommand(program: Command, spec: CommandSpec, io: CliIo, run: Run): void {
  const cmd = program
    .command(spec.name)
    .summary(spec.summary)
    .description(spec.description ?? spec.summary);
  for (const a of spec.arguments ?? []) {
    cmd.addArgument(new Argument(a.optional ? `[${a.name}]` : `<${a.name}>`, a.description));
  }
  // Flags as given, by long name: commander announces each option as it parses it (a value, or none for a switch),
  // which keeps `--store X` and `--no-store` apart although they share commander's attribute.
  const given: Flags = {};
  for (const o of spec.options) {
    const option = new Option(o.flags, o.description);
    if (o.group) option.helpGroup(o.group);
    cmd.addOption(option);
    cmd.on(`option:${option.name()}`, (value?: string) => {
      const before = given[option.name()];
      given[option.name()] =
        o.repeatable && typeof before === 'string' && value !== undefined ? `${before},${value}` : (value ?? true);
    });
  }
  if (spec.epilogue) cmd.addHelpText('after', `\n${spec.epilogue}`);
  cmd.action(async () => {
    // The context opens configuration and stores: loaded when a command runs, never for `--help`.
    const { createContext } = await import('./context');
    const ctx = createContext(spec.name, io, {
      ...(typeof given.config === 'string' ? { config: given.config } : {}),
      ...(typeof given.store === 'string' ? { store: given.store } : {}),
    });
    run.code = await spec.run(ctx, given, cmd.args);
  });
}

/** The program of `specs`; parsing it runs the chosen command and records its exit code in `run`. */
export function buildProgram(specs: readonly CommandSpec[], io: CliIo, run: Run = { code: EXIT.ok }): Command {
  const program = new Command('compliance-bot')
    .description(`compliance-bot ${TOOL.version}: ${DESCRIPTION}`)
    .version(TOOL.version, '--version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .configureHelp({ helpWidth: 118 })
    .showSuggestionAfterError(true)
    .addHelpText('after', HELP_AFTER)
    .hook('preSubcommand', (_program, sub) => {
      run.command = sub.name();
    });
  for (const spec of specs) addCommand(program, spec, io, run);
  return program;
}

/** Runs `argv` (without node and the script) against `specs`; returns the exit code. */
export async function runProgram(specs: readonly CommandSpec[], argv: readonly string[], io: CliIo): Promise<number> {
  const run: Run = { code: EXIT.ok };
  const program = buildProgram(specs, io, run);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return run.code;
  } catch (err) {
    // Help and version end in commander's exit: answered without loading the error classes of every layer.
    if (err instanceof CommanderError && err.exitCode === 0) return EXIT.ok;
    const { exitCodeFor } = await import('./exit-code');
    const spec = specs.find((s) => s.name === run.command);
    if (err instanceof CommanderError && err.code === 'commander.missingArgument' && spec?.missingArguments) {
      return exitCodeFor(new UsageError(spec.missingArguments), run.command, io.stderr);
    }
    return exitCodeFor(err, run.command, io.stderr);
  }
}

/** Runs one command with its arguments, as `compliance-bot NAME ARGS…` would. */
export function runCommand(spec: CommandSpec, args: readonly string[], io: CliIo): Promise<number> {
  return runProgram([spec], [spec.name, ...args], io);
}
