import { checks } from '../../../checks';
import { compare } from '../../core/diff';
import { render } from '../../report';
import { mergeScans } from '../../scan/merge';
import type { ScanResponse } from '../../scan/run-scan';
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { parseReportFormat } from '../options';
import { runCommand } from '../program';

export const diff = defineCommand<{ store?: string; scope?: string; format?: string; config?: string }>({
  name: 'diff',
  summary: 'what changed between the last two stored snapshots (no scan)',
  description: `Shows what changed between the last two stored snapshots of each scope (or of one scope): regressions, resolved
findings and findings that could not be assessed. Reads the store only; scans nothing.`,
  options: [
    STORE_OPTION,
    { flags: '--scope <NAME>', description: 'one scope (default: every scope in the store)' },
    { flags: '--format <FORMAT>', description: 'text, json, sarif, junit or markdown (default text)' },
    CONFIG_OPTION,
  ],
  async run(ctx, values) {
    const { io } = ctx;
    const format = parseReportFormat(values.format);
    let problems = 0;
    const stores = ctx.stores((p) => {
      problems++;
      io.stderr(`compliance-bot: warning: skipped stored snapshot ${p.key}: ${p.problem}\n`);
    });
    const scopes = values.scope ? [values.scope] : await stores.snapshots.scopes();
    if (scopes.length === 0) {
      io.stderr(
        `compliance-bot diff: no snapshots in ${stores.snapshots.location}; run \`compliance-bot scan\` first\n`,
      );
      return EXIT.usage;
    }
    const waivers = await stores.waivers.list();
    const parts: ScanResponse[] = [];
    for (const scope of scopes) {
      const refs = await stores.snapshots.list(scope);
      const readable = [];
      for (let i = refs.length - 1; i >= 0 && readable.length < 2; i--) {
        try {
          readable.push(await stores.snapshots.get(refs[i]));
        } catch (err) {
          problems++;
          io.stderr(`compliance-bot: warning: skipped stored snapshot ${refs[i].key}: ${(err as Error).message}\n`);
        }
      }
      const [latest, previous] = readable;
      if (!latest) continue;
      const { diff } = compare(
        previous?.snapshot ?? null,
        latest.snapshot,
        waivers,
        new Date(latest.snapshot.finishedAt),
      );
      parts.push({ snapshot: latest.snapshot, diff, stored: latest.ref, facts: [] });
    }
    if (parts.length === 0) {
      io.stderr(`compliance-bot diff: no readable snapshot of ${scopes.join(', ')}\n`);
      return EXIT.usage;
    }
    const merged = mergeScans(parts, scopes.join(','));
    const out = render(
      format,
      { snapshot: merged.snapshot, diff: merged.diff, checks },
      { color: io.isTTY === true && !io.env.NO_COLOR },
    );
    io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return problems > 0 ? EXIT.usage : EXIT.ok;
  },
});

/** `compliance-bot diff ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(diff, args, io);
