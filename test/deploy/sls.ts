/**
 * Runs `serverless package` (or another serverless command) on a copy of the service in a temporary folder: no AWS
 * credentials, no network (telemetry off, a fake region), and nothing written into the working tree, so concurrent
 * runs and other builds on the machine never collide. node_modules is linked, not copied.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(__dirname, '..', '..');
const COPIED = [
  'serverless.yml',
  'package.json',
  'tsconfig.json',
  'infra',
  'handlers',
  'src',
  'checks',
  'frameworks',
  'bin',
  'types',
  'test/deploy/fixtures',
];

export interface ServiceCopy {
  dir: string;
  remove(): void;
}

export function copyService(): ServiceCopy {
  const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-sls-'));
  for (const p of COPIED) {
    if (existsSync(join(ROOT, p))) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a serverless run: no credentials, no telemetry, a region that is never contacted. */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^AWS_/.test(k) && !/^SLS_|^SERVERLESS_/.test(k)) env[k] = v;
  }
  return {
    ...env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    AWS_REGION: 'eu-west-1',
    AWS_SDK_LOAD_CONFIG: '0',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    ...extra,
  };
}

export async function serverless(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = offlineEnv(),
  timeoutMs = 180_000,
): Promise<{ stdout: string; stderr: string }> {
  const bin = join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
  try {
    return await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: dir,
      env,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`serverless ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** Functions and their handlers, read from serverless.yml's text (the file holds serverless variables). */
export function declaredFunctions(): { name: string; handler: string }[] {
  const text = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  const section = text.slice(text.indexOf('\nfunctions:'), text.indexOf('\nresources:'));
  const out: { name: string; handler: string }[] = [];
  let current: string | null = null;
  for (const line of section.split('\n')) {
    const fn = /^ {2}([A-Za-z][A-Za-z0-9]*):\s*$/.exec(line);
    if (fn) current = fn[1];
    const h = /^ {4}handler:\s*(\S+)\s*$/.exec(line);
    if (h && current) out.push({ name: current, handler: h[1] });
  }
  return out;
}

/** The files of a function package (jszip: serverless's own zip library, so no `unzip` binary is needed). */
export async function zipEntries(file: string): Promise<Map<string, Buffer>> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) out.set(entry.name, await entry.async('nodebuffer'));
  }
  return out;
}

/** Extracts a function package into a folder. */
export async function unzipTo(file: string, dir: string): Promise<void> {
  for (const [name, data] of await zipEntries(file)) {
    const target = join(dir, name);
    if (!target.startsWith(`${dir}/`)) throw new Error(`zip entry outside the folder: ${name}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}
