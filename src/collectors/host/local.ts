/**
 * The local host runner: the same probe SSM runs on nodes, run on this machine (`sh probe.sh`, ROOT=/) or against
 * a directory scanned as a host's `/` (`--host-root DIR`). The probe script is passed on stdin to `/bin/sh -s`, so
 * nothing is written to disk and nothing from outside reaches a shell command line: the only argument is the root
 * directory, passed as a separate argv entry.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import type { TargetFacts, TargetInfo } from '../../core/model';
import { HOST_ROOT_EC2, withEc2Facts } from '../ec2/local';
import type { CollectContext, TargetCollector } from '../types';
import { probeFailure as failed, parseProbeOutput } from './parse-probe';
import probeScript from './probe.sh';

export interface LocalHostOptions {
  /** Scan this directory as the host's `/` instead of this machine. */
  hostRoot?: string;
  /** Target name (default: the hostname, or the directory's base name for a host root). */
  name?: string;
  /** Milliseconds before the probe is killed (default 60 s). */
  timeoutMs?: number;
  /** The shell (default /bin/sh), and arguments before `-s ROOT` (["sh"] for busybox). */
  shell?: string;
  shellArgs?: string[];
  /** Most bytes of output kept (default 16 MiB): beyond, the output is treated as truncated. */
  maxOutputBytes?: number;
}

export interface ProbeRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  overflow: boolean;
}

/** Runs the probe script with `sh -s ROOT`, with a timeout and an abort signal. */
export function runProbe(root: string, opts: LocalHostOptions = {}, signal?: AbortSignal): Promise<ProbeRun> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const max = opts.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolvePromise) => {
    const child = spawn(opts.shell ?? '/bin/sh', [...(opts.shellArgs ?? []), '-s', root], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let overflow = false;
    let timedOut = false;
    let aborted = false;
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > max) {
        overflow = true;
        kill();
      } else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 64) err.push(b);
    });
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({ stdout: '', stderr: e.message, code: null, signal: null, timedOut, aborted, overflow });
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal: sig,
        timedOut,
        aborted,
        overflow,
      });
    });
    child.stdin.end(probeScript);
  });
}

/** A collector for this machine, or for a directory scanned as a host. */
export function localHostCollector(opts: LocalHostOptions = {}): TargetCollector {
  const root = opts.hostRoot ? resolve(opts.hostRoot) : '/';
  const target: TargetInfo = {
    name: opts.name ?? (opts.hostRoot ? basename(root) || 'host-root' : hostname()),
    kind: 'host',
  };
  const collector: TargetCollector = {
    target,
    async collect(ctx: CollectContext): Promise<TargetFacts> {
      if (opts.hostRoot) {
        // The root reaches the probe as one argv entry, never through a shell line; control characters would still
        // break the probe's own line-based file lists, so they are refused.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
        if (/[\x00-\x1f\x7f]/.test(root)) throw new Error('host root path contains control characters');
        let isDir = false;
        try {
          isDir = statSync(root).isDirectory();
        } catch {
          isDir = false;
        }
        // The whole target is unreachable: runScan reports every host check as unknown with this reason.
        if (!isDir) throw new Error(`host root ${root} is not a directory`);
      }
      ctx.reporter.progress(`running the host probe on ${target.name}`);
      const run = await runProbe(root, opts, ctx.signal);
      if (run.timedOut) return failed(target, `the host probe timed out after ${(opts.timeoutMs ?? 60_000) / 1000} s`);
      if (run.aborted) return failed(target, 'the host probe was stopped: the scan ran out of time');
      if (run.overflow) return failed(target, 'the host probe printed more output than allowed (truncated)');
      if (run.code !== 0 && run.stdout.trim() === '') {
        const why = run.stderr.trim().split('\n')[0] || `exit code ${run.code ?? run.signal}`;
        return failed(target, `the host probe failed: ${why}`);
      }
      // The bytes as the probe printed them (stdout is kept as latin1, one character a byte): the header's length
      // and sha256 are checked over exactly those.
      return parseProbeOutput(Buffer.from(run.stdout, 'latin1'), target);
    },
  };
  // A folder is no machine: the EC2 checks do not apply to it.
  return opts.hostRoot ? withEc2Facts(collector, HOST_ROOT_EC2) : collector;
}
