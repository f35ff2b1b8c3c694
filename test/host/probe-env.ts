/**
 * Runs the host probe as probe.sh is run on a node, with a PATH that lacks some tools: a directory of links to every
 * program of the usual system directories except those, so the probe finds exactly what such a host would have.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import probeScript from '../../src/collectors/host/probe.sh';

const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface Toolbox {
  /** The PATH to use: one directory. */
  path: string;
  remove(): void;
}

/** A PATH with every program of the system directories but `missing`. */
export function pathWithout(missing: string[]): Toolbox {
  const dir = mkdtempSync(join(tmpdir(), 'cb-path-'));
  for (const d of SYSTEM_DIRS) {
    if (!existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      if (missing.includes(name) || existsSync(join(dir, name))) continue;
      const file = join(d, name);
      try {
        if (!statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      symlinkSync(file, join(dir, name));
    }
  }
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The probe's stdout (as bytes, one character a byte) when run by /bin/sh with that PATH only. */
export function probeWithPath(root: string, path: string, shell = '/bin/sh'): { stdout: string; code: number | null } {
  const run = spawnSync(shell, ['-s', root], {
    input: probeScript,
    env: { PATH: path, LC_ALL: 'C' },
    encoding: 'latin1',
    timeout: 60_000,
  });
  return { stdout: run.stdout, code: run.status };
}
