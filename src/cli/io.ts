import type { Reporter } from '../collectors/types';

/** What a command may touch of the outside world: passed in, so commands are testable in-process. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** stdout is a terminal (colours, progress). */
  isTTY?: boolean;
  /** stderr is a terminal (a progress line that rewrites itself). */
  stderrTTY?: boolean;
  /** The clock of waivers, notify and digest; tests pass a fixed one. Default: the system clock. */
  now?: () => Date;
}

/** The io of a running command: the environment resolved. */
export type CommandIo = CliIo & { env: NodeJS.ProcessEnv };

/**
 * The io of the running process. A reader that stops early (`compliance-bot checks | head`) closes stdout: the
 * command ends there, quietly, as other command-line tools do.
 */
export function processIo(): CliIo {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    stderrTTY: process.stderr.isTTY === true,
  };
}

/** Progress on stderr: one line per step, or a single rewriting line on a terminal. */
export function stderrReporter(io: CliIo, quiet: boolean): Reporter & { done(): void } {
  let live = false;
  const clear = () => {
    if (live) io.stderr('\r\u001b[2K');
    live = false;
  };
  return {
    progress(message) {
      if (quiet) return;
      if (io.stderrTTY) {
        clear();
        io.stderr(`… ${message.slice(0, 110)}`);
        live = true;
      } else {
        io.stderr(`compliance-bot: ${message}\n`);
      }
    },
    warn(message) {
      clear();
      io.stderr(`compliance-bot: warning: ${message}\n`);
    },
    done: clear,
  };
}
