/**
 * The one place that turns an error into a message and an exit code (src/cli/errors.ts). It knows every input error
 * class (configuration, store, kubeconfig, request), so it loads when a command fails, never for `--help`.
 */
import { CommanderError } from 'commander';
import { KubeconfigError } from '../collectors/k8s/kubeconfig';
import { ConfigError } from '../config/load';
import { errorMessage } from '../core/errors';
import { RequestSyntaxError } from '../core/rbac/request';
import { redactSecrets } from '../core/redact';
import { StoreError } from '../store/types';
import { EXIT, UsageError } from './errors';

/** Errors whose message is written for the person at the terminal: bad flags, files, stores, requests. */
function isInputError(err: unknown): err is Error {
  return (
    err instanceof UsageError ||
    err instanceof ConfigError ||
    err instanceof StoreError ||
    err instanceof RequestSyntaxError ||
    err instanceof KubeconfigError
  );
}

/** commander's `error: unknown option '--x'` as a sentence that points at the command's help. */
function commanderMessage(err: CommanderError, command: string | undefined): string {
  // One line: commander puts its "(Did you mean …?)" on a line of its own.
  const text = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return `${sentence}; see \`compliance-bot ${command ? `${command} ` : ''}--help\``;
}

/**
 * Writes the message of `err` on stderr (secrets redacted) and returns its exit code: 0 for help and version
 * (commander ends with them), 2 for usage, configuration, store and input errors, 3 for anything else.
 */
export function exitCodeFor(err: unknown, command: string | undefined, stderr: (s: string) => void): number {
  const prefix = `compliance-bot${command ? ` ${command}` : ''}: `;
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.ok;
    stderr(`${prefix}${redactSecrets(commanderMessage(err, command))}\n`);
    return EXIT.usage;
  }
  if (isInputError(err)) {
    stderr(`${prefix}${redactSecrets(err.message)}\n`);
    return EXIT.usage;
  }
  stderr(`${prefix}${redactSecrets(errorMessage(err))}\n`);
  return EXIT.failure;
}
