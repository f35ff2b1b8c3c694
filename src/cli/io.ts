import type { Reporter } from '../collectors/types';

/** What a command may touch of the outside world: passed in, so commands are testable in-process. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal (colours, progress). */
  isTTY: boolean;
  /** stderr is a terminal (a progress line that rewrites itself). */
  stderrTTY?: boolean;
}

/** A usage or configuration error: exit code 2 with a message that says what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

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
