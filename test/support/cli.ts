/** The command run in-process, as the CLI tests use it: a recording io with no terminal. */
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** An io that records both streams; `env` defaults to `{ HOME: cwd }`, so no test reads the real home folder. */
export function recordingIo(settings: Omit<CliIo, 'stdout' | 'stderr'>): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env: { HOME: settings.cwd },
    isTTY: false,
    ...settings,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `compliance-bot ARGS` in-process: its exit code and what it printed. */
export async function runCli(args: string[], settings: Omit<CliIo, 'stdout' | 'stderr'>): Promise<CliOutcome> {
  const r = recordingIo(settings);
  const code = await main(args, r.io);
  return { code, stdout: r.stdout(), stderr: r.stderr() };
}
