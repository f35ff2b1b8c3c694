import { CommanderError } from 'commander';
import { ConfigError } from '../config/load';
import { RequestSyntaxError } from '../core/rbac/request';
import { StoreError } from '../store/types';
import { EXIT, UsageError } from './errors';
import { exitCodeFor } from './exit-code';

function report(err: unknown, command?: string): { code: number; stderr: string } {
  let stderr = '';
  const code = exitCodeFor(err, command, (s) => {
    stderr += s;
  });
  return { code, stderr };
}

describe('Function: exitCodeFor', () => {
  it.each([
    [new UsageError('--days: "x" is not a number')],
    [new ConfigError('compliance-bot.config.yaml is not valid: store.type')],
    [new StoreError('unsupported store "ftp://x"')],
    [new RequestSyntaxError('"frob!" is not a verb')],
  ])('gives exit code 2 and the message, once, for %p', (err) => {
    expect(report(err, 'diff')).toEqual({ code: EXIT.usage, stderr: `compliance-bot diff: ${err.message}\n` });
  });

  it('gives exit code 3 for anything else (a Slack delivery refused), with secrets redacted', () => {
    const out = report(new Error('An API error occurred: invalid_auth for xoxb-1234-5678-abcdef'), 'notify');
    expect(out.code).toBe(EXIT.failure);
    expect(out.stderr).toMatch(/^compliance-bot notify: An API error occurred: invalid_auth for /);
    expect(out.stderr).not.toContain('xoxb-1234');
  });

  it('ends silently with 0 when commander has printed the help or the version', () => {
    expect(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), 'scan')).toEqual({
      code: 0,
      stderr: '',
    });
  });

  it("turns commander's error into one line pointing at the help, exit code 2", () => {
    const err = new CommanderError(
      1,
      'commander.unknownOption',
      "error: unknown option '--sotre'\n(Did you mean --store?)",
    );
    expect(report(err, 'scan')).toEqual({
      code: 2,
      stderr:
        "compliance-bot scan: Unknown option '--sotre' (Did you mean --store?); see `compliance-bot scan --help`\n",
    });
    expect(report(new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'")).stderr).toBe(
      "compliance-bot: Unknown command 'x'; see `compliance-bot --help`\n",
    );
  });
});
