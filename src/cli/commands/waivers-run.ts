/** The body of `compliance-bot waivers` (the command and its help: commands/waivers.ts), loaded when it runs. */
import type { Waiver } from '../../core/model';
import { isExpiring } from '../../core/waivers';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { WaiversFlags } from '../flags';
import { parseChoice } from '../options';

type WaiverStatus = 'active' | 'expiring' | 'expired';

export async function runWaivers(ctx: CliContext, values: WaiversFlags): Promise<number> {
  const { io } = ctx;
  const format = parseChoice(values.format, ['text', 'json'] as const, '--format');
  const windowText = values['expiring-days'];
  if (windowText !== undefined && !/^\d{1,4}$/.test(windowText)) {
    throw new UsageError(`--expiring-days "${windowText.slice(0, 20)}": a whole number of days`);
  }
  const windowDays = windowText === undefined ? undefined : Number(windowText);

  const stores = ctx.stores(() => {});
  if (values.remove !== undefined) {
    const removed = await stores.waivers.remove(values.remove);
    if (removed.length === 0) {
      throw new UsageError(
        `no waiver with id or fingerprint "${values.remove.slice(0, 40)}" in ${stores.waivers.location}`,
      );
    }
    for (const w of removed) io.stdout(`Removed waiver ${w.id ?? '(no id)'} of ${describeWaiver(w)}.\n`);
    return EXIT.ok;
  }

  const now = ctx.now();
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
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.stdout(`No waivers in force in ${stores.waivers.location}.\n`);
    return EXIT.ok;
  }
  const expiring = rows.filter((r) => r.status === 'expiring').length;
  io.stdout(
    `${rows.length} waiver(s) in ${stores.waivers.location}${expiring > 0 ? `; ${expiring} ${windowDays === undefined ? 'expiring soon' : `expire within ${windowDays} days`}` : ''}:\n\n`,
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
  return EXIT.ok;
}

/** A fingerprint, or `pattern CHECK on TARGET: [KIND ]RESOURCE`. */
function describeWaiver(w: Waiver): string {
  if (!w.match) return w.fingerprint;
  const m = w.match;
  return oneLine(`pattern ${m.checkId} on ${m.target}: ${m.kind ? `${m.kind} ` : ''}${m.resource}`);
}

/** Expiring: within --expiring-days when given, else by the rule of isExpiring (src/core/waivers.ts). */
function statusOf(w: Waiver, now: Date, windowDays: number | undefined): WaiverStatus {
  const t = Date.parse(w.expires);
  if (!(t > now.getTime())) return 'expired';
  if (windowDays === undefined) return isExpiring(w, now) ? 'expiring' : 'active';
  return t <= now.getTime() + windowDays * 86_400_000 ? 'expiring' : 'active';
}

/** Waiver text comes from people (Slack, the CLI): never let it move the cursor or fake lines on a terminal. */
function oneLine(s: string): string {
  return [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
}
