/** Shared pieces of the operating-system hardening checks (docs/host.md). */
import type { HostStat } from '../../src/core/facts/host';
import type { BenchmarkRef, Finding, TargetInfo } from '../../src/core/model';

export const hostResource = (target: TargetInfo) => ({ kind: 'Host', name: target.name });

/** A control of CIS Distribution Independent Linux 2.0.0. */
export const dil = (control: string): BenchmarkRef => ({
  framework: 'CIS Distribution Independent Linux',
  version: '2.0.0',
  control,
});

export interface ModeRule {
  /** Permission bits that must not be set (e.g. 0o077: nothing for group and others). */
  forbidden: number;
  /** "600 or stricter", for messages. */
  expected: string;
  /** Why a failing file matters. */
  risk: string;
}

/** One finding per file: unknown when it could not be stat()ed, fail when not owned by root or too open. */
export function modeFindings(files: HostStat[], target: TargetInfo, rule: (f: HostStat) => ModeRule): Finding[] {
  return files.map((f): Finding => {
    const resource = { kind: 'File', name: f.path };
    if (f.error || f.mode === undefined || f.uid === undefined) {
      return {
        status: 'unknown',
        resource,
        message: `Could not assess ${f.path} on ${target.name}: ${f.error ?? 'no mode'}.`,
      };
    }
    const r = rule(f);
    const mode = Number.parseInt(f.mode, 8);
    const evidence = { mode: f.mode, uid: f.uid, gid: f.gid ?? null, role: f.role };
    const problems: string[] = [];
    if (f.uid !== 0) problems.push(`owned by UID ${f.uid}, not root`);
    if ((mode & r.forbidden) !== 0) problems.push(`mode ${f.mode}, expected ${r.expected}`);
    if (problems.length > 0) {
      return {
        status: 'fail',
        resource,
        message: `${f.path} on ${target.name} is ${problems.join(' and ')}: ${r.risk}.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      resource,
      message: `${f.path} on ${target.name} is owned by root with mode ${f.mode}.`,
      evidence,
    };
  });
}
