import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PROBE = join(__dirname, '../../src/collectors/host/probe.sh');

/**
 * Runs the probe live (ROOT=/) beside one process, both in a private PID namespace with its own /proc: the probe
 * takes the oldest process of a name (kubelet, kube-proxy), so another copy of a test running at the same time (a
 * second Jest worker, a mutation run beside the suite) would otherwise hand it that copy's process. `argv` starts the
 * process; the probe runs once the process goes by `name` (a condition, not a delay). The namespace ends with the
 * probe, and the process with it. Returns the probe's output.
 */
export function probeBeside(name: string, argv: readonly string[]): string {
  const r = spawnSync(
    'unshare',
    [
      '--pid',
      '--fork',
      '--mount-proc',
      'sh',
      '-c',
      'n="$1"; p="$2"; shift 2; "$@" & pid=$!; until [ "$(cat /proc/$pid/comm 2>/dev/null)" = "$n" ]; do sleep 0.05; done; sh "$p" /',
      'sh',
      name,
      PROBE,
      ...argv,
    ],
    { encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
  );
  if (r.status !== 0 || !r.stdout.includes('"end":true')) {
    throw new Error(`the live probe could not run in a PID namespace: ${r.stderr || r.error}`);
  }
  return r.stdout;
}
