/**
 * Shared logic of the sshd checks: a setting is secure only when it is secure in the global context and in every
 * Match evaluation that could apply (for root-only settings, every context of a root connection). Failing Match
 * blocks are named in the message and the evidence.
 */
import type { HostSshd, SshdContext } from '../../src/core/facts/host';
import type { CheckContext, Finding } from '../../src/core/model';

export const SSHD_RESOURCE = { kind: 'SshdConfig', name: 'sshd' };

export function describeContext(c: SshdContext): string {
  if (c.context === 'global') return 'the global context';
  if (c.match) return `"${c.match}" (${c.context})`;
  return `a connection as ${c.user ?? 'any user'} (${c.context})`;
}

export function sourceText(sshd: HostSshd): string {
  return sshd.source === 'sshd-T' ? 'sshd -T' : 'the configuration files';
}

/** "sshd rejects its configuration (sshd -T): <its message>", or the file parser's finding, said as such. */
export function refusalText(sshd: HostSshd): string {
  const v = sshd.validation;
  if (v?.by === 'files') {
    return `the configuration files hold a value sshd refuses (from the configuration files; sshd -T did not run): ${v.message ?? ''}`;
  }
  return `sshd rejects its configuration (sshd -T): ${v?.message ?? 'no message'}`;
}

/** The unknown finding of an SSH setting check when sshd refuses its configuration, or null. */
export function refusedFinding(sshd: HostSshd, host: string, label: string): Finding | null {
  if (sshd.validation?.accepted !== false) return null;
  return {
    status: 'unknown',
    resource: SSHD_RESOURCE,
    message: `Could not assess ${label} of sshd on ${host}: ${refusalText(sshd)}; the settings sshd runs with are not known.`,
    evidence: { source: sshd.source, validation: sshd.validation },
  };
}

export interface SettingRule {
  /** Lower-case keyword, as `sshd -T` prints it. */
  key: string;
  /** The keyword as people write it. */
  label: string;
  secure(value: string): boolean;
  /** Only the contexts of a root connection count (PermitRootLogin). */
  rootOnly?: boolean;
  /** What is expected, for the pass message: "no". */
  expected: string;
  /** Why a failing value matters, appended to the fail message. */
  risk: string;
  /** The value to judge when it is not one keyword's (several lists read as one); undefined when not known. */
  read?(settings: Record<string, string>): string | undefined;
}

function relevant(sshd: HostSshd, rootOnly: boolean): SshdContext[] {
  return sshd.contexts.filter((c) => !rootOnly || c.context === 'global' || c.user === 'root');
}

/** Evaluates one sshd setting over every context of the host's sshd view. */
export function evaluateSetting(ctx: CheckContext<'host.sshd'>, rule: SettingRule): Finding[] {
  const sshd = ctx.facts['host.sshd'];
  const host = ctx.target.name;
  const refused = refusedFinding(sshd, host, rule.label);
  if (refused) return [refused];
  const contexts = relevant(sshd, rule.rootOnly === true);
  if (contexts.length === 0) {
    return [
      {
        status: 'unknown',
        resource: SSHD_RESOURCE,
        message: `Could not assess ${rule.label} of sshd on ${host}: no evaluated configuration context.`,
      },
    ];
  }
  const bad: { context: SshdContext; value: string }[] = [];
  const missing: SshdContext[] = [];
  const settingOf = (c: SshdContext) => (rule.read ? rule.read(c.settings) : c.settings[rule.key]);
  for (const c of contexts) {
    const value = settingOf(c);
    if (value === undefined) missing.push(c);
    else if (!rule.secure(value)) bad.push({ context: c, value });
  }
  const evidence = {
    source: sshd.source,
    contexts: contexts.map((c) => ({
      context: c.context,
      ...(c.match ? { match: c.match } : {}),
      ...(c.note ? { note: c.note } : {}),
      [rule.key]: settingOf(c) ?? null,
    })),
    ...(sshd.notes?.length ? { notes: sshd.notes } : {}),
  };
  const who = rule.rootOnly ? ' for root' : '';
  if (bad.length > 0) {
    const values = [...new Set(bad.map((b) => b.value))].join(', ');
    const where = bad.map((b) => describeContext(b.context)).join(' and ');
    return [
      {
        status: 'fail',
        resource: SSHD_RESOURCE,
        message: `sshd on ${host}: ${rule.label} is ${values}${who} in ${where} (from ${sourceText(sshd)}): ${rule.risk}.`,
        evidence: {
          ...evidence,
          failing: bad.map((b) => ({ context: b.context.context, match: b.context.match ?? null, value: b.value })),
        },
      },
    ];
  }
  if (missing.length > 0) {
    return [
      {
        status: 'unknown',
        resource: SSHD_RESOURCE,
        message: `Could not assess ${rule.label} of sshd on ${host}: its value is not known in ${missing.map(describeContext).join(' and ')}.`,
        evidence,
      },
    ];
  }
  const matchCount = contexts.filter((c) => c.context !== 'global').length;
  return [
    {
      status: 'pass',
      resource: SSHD_RESOURCE,
      message: `sshd on ${host}: ${rule.label} is ${rule.expected}${who} in the global context and in ${matchCount} connection evaluation${matchCount === 1 ? '' : 's'} (from ${sourceText(sshd)}).`,
      evidence,
    },
  ];
}
