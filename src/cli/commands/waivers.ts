/**
 * `compliance-bot waivers`: the waivers in force, the ones ending soon first flagged, and `--remove ID` to end one.
 */
import type { Waiver } from '../../core/model';
import { CommandError, guarded, openCommandStores, parseFlags, type StoreCommandIo } from './waive';

export const WAIVERS_HELP = `Usage: compliance-bot waivers [--expiring-days N] [--all] [--format text|json] [--remove ID|FINGERPRINT]

Lists the waivers in force, soonest to expire first, and flags those that end within --expiring-days (default 14).

Options:
  --expiring-days N   the "expiring soon" window in days (default 14)
  --all               include expired waivers
  --format text|json  json: [{id, fingerprint, checkId, target, reason, owner, ticket, expires, createdBy, createdAt, status}]
  --remove ID         end the waiver with this id (or every waiver of this fingerprint) now
  --store DIR|s3://BUCKET/PREFIX, --config FILE   as for scan`;

type WaiverStatus = 'active' | 'expiring' | 'expired';

export async function run(args: string[], io: StoreCommandIo): Promise<number> {
  return guarded('waivers', io, async () => {
    const { values, positionals } = parseFlags('waivers', args, {
      'expiring-days': { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      remove: { type: 'string' },
      store: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout(`${WAIVERS_HELP}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new CommandError(`unexpected argument "${positionals[0].slice(0, 40)}"`);
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CommandError(`--format "${format}": use text or json`);
    const windowText = (values['expiring-days'] as string | undefined) ?? '14';
    if (!/^\d{1,4}$/.test(windowText))
      throw new CommandError(`--expiring-days "${windowText}": a whole number of days`);
    const windowDays = Number(windowText);

    const stores = openCommandStores(io, values as { store?: string; config?: string }, () => {});
    if (typeof values.remove === 'string') {
      const removed = await stores.waivers.remove(values.remove);
      if (removed.length === 0) {
        throw new CommandError(
          `no waiver with id or fingerprint "${values.remove.slice(0, 40)}" in ${stores.waivers.location}`,
        );
      }
      for (const w of removed) io.stdout(`Removed waiver ${w.id ?? '(no id)'} of ${describeWaiver(w)}.\n`);
      return 0;
    }

    const now = new Date();
    const all = await stores.waivers.list();
    const rows = all
      .map((w) => ({ waiver: w, status: statusOf(w, now, windowDays) }))
      .filter((r) => values.all || r.status !== 'expired')
      .sort((a, b) => Date.parse(a.waiver.expires) - Date.parse(b.waiver.expires));

    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          rows.map((r) => ({ ...r.waiver, status: r.status })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    if (rows.length === 0) {
      io.stdout(`No waivers in force in ${stores.waivers.location}.\n`);
      return 0;
    }
    const expiring = rows.filter((r) => r.status === 'expiring').length;
    io.stdout(
      `${rows.length} waiver(s) in ${stores.waivers.location}${expiring > 0 ? `; ${expiring} expire within ${windowDays} days` : ''}:\n\n`,
    );
    for (const { waiver: w, status } of rows) {
      const days = Math.ceil((Date.parse(w.expires) - now.getTime()) / 86_400_000);
      const when =
        status === 'expired'
          ? `EXPIRED ${w.expires.slice(0, 10)}`
          : `${status === 'expiring' ? 'EXPIRING ' : ''}in ${days} day(s), ${w.expires.slice(0, 10)}`;
      io.stdout(`${w.id ?? '-'}  ${describeWaiver(w)}  ${when}\n`);
      if (w.checkId || w.target) io.stdout(`    ${[w.checkId, w.target].filter(Boolean).join(' on ')}\n`);
      io.stdout(`    reason: ${oneLine(w.reason)}\n`);
      io.stdout(
        `    owner: ${oneLine(w.owner ?? w.createdBy)}${w.ticket ? `  ticket: ${oneLine(w.ticket)}` : ''}  created by ${oneLine(w.createdBy)} on ${w.createdAt.slice(0, 10)}\n`,
      );
    }
    return 0;
  });
}

/** A fingerprint, or `pattern CHECK on TARGET: [KIND ]RESOURCE`. */
function describeWaiver(w: Waiver): string {
  if (!w.match) return w.fingerprint;
  const m = w.match;
  return oneLine(`pattern ${m.checkId} on ${m.target}: ${m.kind ? `${m.kind} ` : ''}${m.resource}`);
}

function statusOf(w: Waiver, now: Date, windowDays: number): WaiverStatus {
  const t = Date.parse(w.expires);
  if (!(t > now.getTime())) return 'expired';
  return t <= now.getTime() + windowDays * 86_400_000 ? 'expiring' : 'active';
}

/** Waiver text comes from people (Slack, the CLI): never let it move the cursor or fake lines on a terminal. */
function oneLine(s: string): string {
  return [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
}
