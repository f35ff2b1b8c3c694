/**
 * The CLI's exit codes and its usage error (README, "Exit codes"; docs/slack.md for notify and digest; docs/store.md
 * for verify). src/cli/exit-code.ts turns any error into its message and exit code.
 */
export const EXIT = {
  ok: 0,
  /** Findings at or above `--fail-on`; a damaged snapshot chain (`verify`). */
  findings: 1,
  /** Usage, configuration, store or input error. */
  usage: 2,
  /** Delivery failed (Slack), or an error nobody foresaw. */
  failure: 3,
  /**
   * A target could not be assessed at all (`scan`, unless --allow-unassessed), or, with --fail-on-unknown, any
   * result could not be assessed: a gate that saw nothing has not passed.
   */
  unassessed: 4,
} as const;

/** A usage, configuration or input error: exit code 2 with a message that says what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
