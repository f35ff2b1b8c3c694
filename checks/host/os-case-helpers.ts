/** Builders of operating-system host facts for the `.cases.ts` files. */
import type { HostAudit, HostMac, HostServices, HostStat, HostSudo, HostSysctl } from '../../src/core/facts/host';
import type { Fact } from '../../src/core/model';

export const ok = <T>(value: T): Fact<T> => ({ ok: true, value });

export const stat = (role: string, path: string, mode: string, uid = 0, gid = 0): HostStat => ({
  role,
  path,
  mode,
  uid,
  gid,
});

export function sudo(over: Partial<HostSudo> = {}): Fact<HostSudo> {
  return ok({ installed: true, files: ['/etc/sudoers'], defaults: {}, nopasswd: [], ...over });
}

export const at = (text: string, file = '/etc/sudoers', line = 10) => ({ file, line, text });

export function sysctl(
  runtime: Record<string, string> | null,
  configured: Record<string, string> = {},
  file = '/etc/sysctl.d/60-cis.conf',
): Fact<HostSysctl> {
  return ok({
    runtime,
    ...(runtime === null ? { runtimeNote: 'the running kernel is not visible under a host root' } : {}),
    configured: Object.fromEntries(Object.entries(configured).map(([k, value]) => [k, { value, file }])),
    files: [file],
  });
}

export function services(over: Partial<HostServices> = {}): Fact<HostServices> {
  return ok({ running: null, enabled: [], masked: [], ...over });
}

export function audit(rules: string[], source: HostAudit['source'] = 'auditctl'): Fact<HostAudit> {
  const watches = rules.map((rule) => {
    const w = /^-w (\S+)(?: -p (\S+))?/.exec(rule);
    if (w) return { path: w[1], perms: w[2] ?? 'rwxa', recursive: true, rule };
    const p = /-F (path|dir)=(\S+).*-F perm=(\S+)/.exec(rule);
    return { path: p?.[2] ?? '', perms: p?.[3] ?? '', recursive: p?.[1] === 'dir', rule };
  });
  return ok({ source, watches, ruleCount: rules.length });
}

export function mac(over: Partial<HostMac>): Fact<HostMac> {
  return ok({ live: true, apparmorConfig: false, ...over });
}
