/**
 * Every `compliance-bot` command, in the order of the program's help. A new command is a module of
 * src/cli/commands that exports its defineCommand(...) definition, listed here (docs/architecture.md).
 */
import { TOOL } from '../version';
import { type CommandSpec, defineCommand } from './command';
import { canReach } from './commands/can-reach';
import { checks } from './commands/checks';
import { diff } from './commands/diff';
import { digest } from './commands/digest';
import { frameworks } from './commands/frameworks';
import { notify } from './commands/notify';
import { scan } from './commands/scan';
import { verify } from './commands/verify';
import { waive } from './commands/waive';
import { waivers } from './commands/waivers';
import { whoCan } from './commands/who-can';
import { EXIT } from './errors';

const version = defineCommand({
  name: 'version',
  summary: 'print the version (as --version does)',
  options: [],
  async run(ctx) {
    ctx.io.stdout(`${TOOL.version}\n`);
    return EXIT.ok;
  },
});

export const COMMANDS: readonly CommandSpec[] = [
  scan,
  checks,
  frameworks,
  diff,
  whoCan,
  canReach,
  waive,
  waivers,
  verify,
  notify,
  digest,
  version,
];
