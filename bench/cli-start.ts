/**
 * Start of the `compliance-bot` command: `node bin/compliance-bot.js ARGS` in a fresh process, again and again, timed
 * from spawn to exit, after the build `npm ci` makes (bin/build-cli.js). The floor is `node -e 0` measured in the
 * same run, interleaved, so a busy machine raises both.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface StartTimes {
  median: number;
  p90: number;
  runs: number[];
  floorMedian: number;
}

/** The value at quantile q (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function timed(args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const out = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (out.status !== 0) throw new Error(`node ${args.join(' ')} exited ${out.status}: ${out.stderr.slice(0, 300)}`);
  return ms;
}

/** Builds the command if needed, then times `runs` starts of `node bin/compliance-bot.js ...args`. */
export function cliStartTimes(root: string, args: string[], runs: number): StartTimes {
  const bin = join(root, 'bin', 'compliance-bot.js');
  const built = spawnSync(process.execPath, [join(root, 'bin', 'build-cli.js')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bin/build-cli.js: ${built.stderr.slice(0, 300)}`);
  timed([bin, ...args], root); // the file system cache, as a person's second command finds it
  const times: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(timed([bin, ...args], root));
    floor.push(timed(['-e', '0'], root));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    runs: times,
    floorMedian: quantile(
      [...floor].sort((a, b) => a - b),
      0.5,
    ),
  };
}
