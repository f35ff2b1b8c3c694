/** Shared logic of the audit rule checks: every listed file must be watched for writes and attribute changes. */
import type { AuditWatch, HostAudit } from '../../src/core/facts/host';
import type { Finding, TargetInfo } from '../../src/core/model';

/** Whether writes and attribute changes of `path` are recorded by some watch. */
export function watched(watches: AuditWatch[], path: string): AuditWatch | undefined {
  return watches.find(
    (w) =>
      w.perms.includes('w') &&
      w.perms.includes('a') &&
      (w.path === path || (w.recursive && (w.path === '/' || path.startsWith(`${w.path}/`)))),
  );
}

export function watchFindings(audit: HostAudit, target: TargetInfo, paths: string[], topic: string): Finding[] {
  const from = audit.source === 'auditctl' ? 'the loaded rules (auditctl -l)' : 'the rule files auditd loads at boot';
  return paths.map((path): Finding => {
    const resource = { kind: 'AuditWatch', name: path };
    const w = watched(audit.watches, path);
    const evidence = {
      source: audit.source,
      ruleCount: audit.ruleCount,
      ...(audit.files ? { files: audit.files } : {}),
    };
    if (w) {
      return {
        status: 'pass',
        resource,
        message: `Changes to ${path} (${topic}) are audited on ${target.name} by "${w.rule}" (${from}).`,
        evidence: { ...evidence, rule: w.rule },
      };
    }
    return {
      status: 'fail',
      resource,
      message: `No audit rule on ${target.name} records writes and attribute changes of ${path} (${topic}; ${from}, ${audit.ruleCount} rule${audit.ruleCount === 1 ? '' : 's'}).`,
      evidence,
    };
  });
}
