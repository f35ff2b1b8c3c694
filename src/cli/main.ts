/**
 * The `compliance-bot` command. Each subcommand is a function of (args, io) returning an exit code, so tests run
 * them in-process; this file only dispatches and maps errors to exit codes.
 */
import { ConfigError } from '../config/load';
import { redactSecrets } from '../core/redact';
import { StoreError } from '../store/types';
import { TOOL } from '../version';
import { checksCommand } from './commands/checks';
import { diffCommand } from './commands/diff';
import * as digest from './commands/digest';
import * as notify from './commands/notify';
import { scanCommand } from './commands/scan';
import * as verify from './commands/verify';
import * as waive from './commands/waive';
import * as waivers from './commands/waivers';
import * as whoCan from './commands/who-can';
import { type CliIo, EXIT, UsageError } from './io';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  scan: { run: scanCommand, summary: 'scan hosts and clusters, compare with the last snapshot, report' },
  checks: { run: checksCommand, summary: 'list the checks (the catalogue): --format text|json|markdown' },
  diff: { run: diffCommand, summary: 'what changed between the last two stored snapshots (no scan)' },
  'who-can': {
    run: whoCan.run,
    summary: 'VERB RESOURCE [-n NS]: which subjects can, and the roles and bindings that grant it',
  },
  waive: { run: waive.run, summary: 'FINGERPRINT --days N --reason TEXT: accept a finding until a date' },
  waivers: { run: waivers.run, summary: 'list waivers, with the ones expiring soon; --remove ID' },
  verify: { run: verify.run, summary: "check the hash chain of a scope's snapshots: breaks, forks, tampering" },
  notify: { run: notify.run, summary: "post (or --dry-run print) the Slack messages for the latest scan's diff" },
  digest: { run: digest.run, summary: 'post (or --dry-run print) the weekly digest' },
};

export function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `compliance-bot ${TOOL.version}: compliance checks for Kubernetes clusters and the hosts they run on.

Usage: compliance-bot <command> [options]     (compliance-bot <command> --help for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

With no command, \`compliance-bot\` prints this help. \`npm start\` runs \`compliance-bot scan\`.`;
}

export function registerCommand(name: string, run: Command, summary: string): void {
  COMMANDS[name] = { run, summary };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(`${help()}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '--version' || command === 'version') {
    io.stdout(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    io.stderr(
      `compliance-bot: unknown command "${command.slice(0, 40)}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await entry.run(args, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof StoreError) {
      io.stderr(`compliance-bot ${command}: ${redactSecrets(err.message)}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `compliance-bot ${command}: unexpected error: ${redactSecrets(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`,
    );
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    stderrTTY: process.stderr.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`compliance-bot: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
