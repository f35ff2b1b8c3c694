/**
 * Cold start of the Lambda bundles: each function's handler is bundled as `serverless package` bundles it (the
 * options of serverless.yml `custom.esbuild`, its plugins, the runtime's AWS SDK left outside), or taken from the
 * packaged zips of a `serverless package` run (`--packaged DIR`), then required by a fresh Node process, again and
 * again. What is timed is the module's init: the `require()` of the handler file, as the Lambda runtime does before
 * the first invocation (NODE_PATH points at this checkout's node_modules, where the runtime has its own SDK).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { parse } from 'yaml';

export interface LambdaFunction {
  name: string;
  /** `handlers/slack.handler` */
  handler: string;
}

export interface ServerlessBuild {
  functions: LambdaFunction[];
  /** esbuild's options for one function, as serverless-esbuild passes them (entry and outdir aside). */
  esbuild: BuildOptions;
  /** The functions' NODE_OPTIONS (provider.environment), resolved for the stage. */
  nodeOptions: string;
}

/** serverless-esbuild's own keys, which it removes before calling esbuild. */
const PLUGIN_KEYS = ['exclude', 'packager', 'packagerOptions', 'concurrency', 'zipConcurrency', 'nativeZip'];

/**
 * Resolves `${param:key}` (params.default, then the overrides) and `${file(infra/source-maps.js):key}`; other
 * variables stay as written.
 */
function resolveParams(value: unknown, params: Record<string, unknown>, root: string): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{param:([A-Za-z0-9]+)\}$/.exec(value);
    if (whole) return params[whole[1]];
    const maps = /^\$\{file\(infra\/source-maps\.js\):([A-Za-z]+)\}$/.exec(value);
    if (maps) {
      const { sourceMapSettings } = require(join(root, 'infra', 'source-maps.js'));
      return sourceMapSettings(params.sourceMaps)[maps[1]];
    }
    return value.replace(/\$\{param:([A-Za-z0-9]+)\}/g, (_, k: string) => String(params[k] ?? ''));
  }
  if (Array.isArray(value)) return value.map((v) => resolveParams(v, params, root));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveParams(v, params, root)]));
  }
  return value;
}

/** What serverless.yml asks of the bundles, with `overrides` in place of `--param="key=value"`. */
export function serverlessBuild(root: string, overrides: Record<string, unknown> = {}): ServerlessBuild {
  // biome-ignore lint/suspicious/noExplicitAny: serverless.yml is read as untyped data
  const doc = parse(readFileSync(join(root, 'serverless.yml'), 'utf8')) as any;
  const params = { ...(doc.params?.default ?? {}), ...overrides };
  const custom = resolveParams(doc.custom.esbuild, params, root) as Record<string, unknown>;
  const exclude = (custom.exclude as string[] | undefined) ?? [];
  const options: Record<string, unknown> = { ...custom };
  for (const k of PLUGIN_KEYS) delete options[k];
  if (typeof options.plugins === 'string') options.plugins = require(join(root, options.plugins)) as Plugin[];
  options.external = [...((options.external as string[] | undefined) ?? []), ...exclude];
  const env = resolveParams(doc.provider.environment ?? {}, params, root) as Record<string, unknown>;
  const functions = Object.entries(doc.functions as Record<string, { handler: string }>).map(([name, f]) => ({
    name,
    handler: f.handler,
  }));
  return { functions, esbuild: options as BuildOptions, nodeOptions: String(env.NODE_OPTIONS ?? '').trim() };
}

/** The handler's file inside a bundle folder: `handlers/slack.handler` -> `handlers/slack.js`. */
export const handlerFile = (f: LambdaFunction) => `${f.handler.slice(0, f.handler.lastIndexOf('.'))}.js`;

/** Bundles every function into `outDir/<function>/` the way serverless-esbuild does. */
export async function bundleFunctions(root: string, build: ServerlessBuild, outDir: string): Promise<string[]> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const dirs: string[] = [];
  for (const f of build.functions) {
    const dir = join(outDir, f.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const entry = handlerFile(f).replace(/\.js$/, '.ts');
    await esbuild.build({
      ...build.esbuild,
      absWorkingDir: root,
      entryPoints: [entry],
      outdir: join(dir, entry.slice(0, entry.lastIndexOf('/'))),
      logLevel: 'error',
    });
    dirs.push(dir);
  }
  return dirs;
}

/** The child: requires the handler file and prints the time it took, in milliseconds. */
const PROBE =
  'const t0 = process.hrtime.bigint(); require(process.argv[1]); ' +
  'process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));';

export interface InitTimes {
  runs: number[];
  median: number;
  p90: number;
}

/** Requires `file` in `runs` fresh processes, one after another; the times in milliseconds. */
export function initTimes(file: string, runs: number, env: { nodePath: string; nodeOptions: string }): InitTimes {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['-e', PROBE, file], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        NODE_PATH: env.nodePath,
        AWS_REGION: 'eu-west-1',
        ...(env.nodeOptions ? { NODE_OPTIONS: env.nodeOptions } : {}),
      },
    });
    const ms = Number(child.stdout);
    if (child.status !== 0 || !Number.isFinite(ms)) {
      throw new Error(`requiring ${file} failed (${child.status}): ${(child.stderr ?? '').trim().split('\n').pop()}`);
    }
    times.push(ms);
  }
  return { runs: times, median: percentile(times, 0.5), p90: percentile(times, 0.9) };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
