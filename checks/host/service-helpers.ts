/** Whether a daemon runs (live: its process) or is enabled at boot (host root: its unit linked in a .wants folder). */
import type { HostServices } from '../../src/core/facts/host';
import type { Evidence } from '../../src/core/model';

export interface Daemon {
  /** The process name as /proc/PID/comm shows it (15 characters at most). */
  process: string;
  units: string[];
}

export function serviceState(
  s: HostServices,
  daemons: Daemon[],
): { status: 'pass' | 'fail' | 'unknown'; how: string; evidence: Evidence } {
  const evidence: Evidence = { running: s.running, enabled: s.enabled, masked: s.masked };
  if (s.running !== null) {
    const up = daemons.find((d) => s.running?.includes(d.process));
    if (up) return { status: 'pass', how: `is running (${up.process})`, evidence };
    return { status: 'fail', how: `is not running (no ${daemons.map((d) => d.process).join(', ')} process)`, evidence };
  }
  const units = daemons.flatMap((d) => d.units);
  const enabled = units.find((u) => s.enabled.includes(u) && !s.masked.includes(u));
  if (enabled)
    return { status: 'pass', how: `is enabled at boot (${enabled}; the host root shows no running process)`, evidence };
  if (s.error) return { status: 'unknown', how: `the systemd unit folders could not be read (${s.error})`, evidence };
  return { status: 'fail', how: `is not enabled at boot (none of ${units.join(', ')} is enabled)`, evidence };
}
