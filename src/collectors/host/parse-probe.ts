/**
 * Turns the host probe's output (probe.sh) into host facts. Every fact gets a value or the reason it has none:
 * empty, garbage, truncated or newer-version output makes every fact `{ ok: false, reason }`; a malformed section
 * loses only its own facts.
 */
import { parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { errorMessage } from '../../core/errors';
import type {
  HostAccount,
  HostAccounts,
  HostCertificate,
  HostFile,
  HostKubelet,
  HostKubeProxy,
  HostOs,
  HostSshd,
  HostStaticPod,
  SshdContext,
} from '../../core/facts/host';
import { FILE_ROLES } from '../../core/facts/host';
import type { Fact, FactSet, TargetFacts, TargetInfo } from '../../core/model';
import { parserReason } from '../../core/parse-errors';
import { cleanUntrusted, mergeUntrusted, type PlainObject } from '../../core/safe-object';
import { parseFlags } from '../kube-flags';
import { HOST_OS_FACT_KEYS, parseOsSections } from './parse-os';
import { documentMismatch, splitProbeOutput } from './probe-output';
import { type ConfigFiles, evaluateFiles, FILE_VALIDATION_SCOPE, validateConfigFiles } from './sshd/config';
import { parseSpec } from './sshd/match';
import { parseSshdT } from './sshd/sshd-t';

export const PROBE_NAME = 'compliance-bot-host';
export const PROBE_VERSION = 1;

/** Every fact the probe produces. */
export const HOST_FACT_KEYS = [
  'host.os',
  'host.sshd',
  'host.accounts',
  'host.kubelet',
  'host.files',
  'host.certs',
  'host.staticPods',
  'host.kubeProxy',
  ...HOST_OS_FACT_KEYS,
] as const;

const str = z.string();
const osSchema = z.object({
  osRelease: str.optional(),
  osReleaseError: str.optional(),
  kernel: str.optional(),
  hostname: str,
});
const sshdSchema = z.object({
  config: str,
  files: z.array(z.object({ path: str, content: str.optional(), error: str.optional() })),
  unmatchedIncludes: z.array(str).default([]),
  specs: z.array(z.object({ spec: str, match: str, groups: str, synthetic: z.boolean().optional() })),
  binary: str.optional(),
  version: str.optional(),
  t: z.array(z.object({ spec: str, out: str.optional(), error: str.optional() })).optional(),
  tError: str.optional(),
});
const accountsSchema = z.object({
  passwd: str.optional(),
  passwdError: str.optional(),
  shadow: str.optional(),
  shadowError: str.optional(),
});
const kubeletSchema = z.object({
  process: z.boolean(),
  /** `systemd`: flags reconstructed from the kubelet's unit files (host root), not read from a process. */
  argsSource: z.literal('systemd').optional(),
  units: str.optional(),
  args: str.optional(),
  argsError: str.optional(),
  configPath: str.optional(),
  config: str.optional(),
  configError: str.optional(),
  configDir: str.optional(),
  dropins: z.array(z.object({ path: str, content: str.optional(), error: str.optional() })).optional(),
  /** The drop-in folder exists but could not be listed: any drop-in may be in it. */
  dropinsError: str.optional(),
});
const filesSchema = z.array(
  z.object({
    role: z.enum(FILE_ROLES),
    path: str,
    of: str.optional(),
    absent: z.literal(true).optional(),
    user: str.optional(),
    group: str.optional(),
    mode: z
      .string()
      .regex(/^[0-7]{1,4}$/)
      .optional(),
    uid: z.number().int().nonnegative().optional(),
    gid: z.number().int().nonnegative().optional(),
    error: str.optional(),
  }),
);
const certsSchema = z.array(
  z.object({ path: str, notAfter: str.optional(), subject: str.optional(), error: str.optional() }),
);
const podsSchema = z.object({
  dir: z.boolean(),
  /** The static Pod folder exists but could not be listed. */
  error: str.optional(),
  pods: z.array(z.object({ path: str, content: str.optional(), error: str.optional() })),
});

const kubeProxySchema = z.object({
  process: z.boolean().nullable(),
  note: str.optional(),
  args: str.optional(),
  configPath: str.optional(),
  configLines: str.optional(),
  configError: str.optional(),
});

const headerSchema = z.object({
  probe: z.literal(PROBE_NAME),
  version: z.number().int().positive(),
  root: str.optional(),
  live: z.boolean().optional(),
  error: str.optional(),
  end: z.literal(true).optional(),
});

/** The probe writes bytes outside printable ASCII as \u00XX: turn them back into bytes, then read them as UTF-8. */
export function decodeBytes(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for any non-ASCII code point
  if (!/[^\x00-\x7f]/.test(s)) return s;
  if ([...s].some((c) => c.codePointAt(0)! > 0xff)) return s;
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** Every host fact unknown, with the reason (the probe could not run, or its output is unusable). */
export function probeFailure(target: TargetInfo, reason: string): TargetFacts {
  const facts: FactSet = {};
  for (const key of HOST_FACT_KEYS) (facts as Record<string, Fact<unknown>>)[key] = { ok: false, reason };
  return { target, facts };
}

const ok = <T>(value: T): Fact<T> => ({ ok: true, value });
const no = <T>(reason: string): Fact<T> => ({ ok: false, reason });

function issues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Parses the probe's stdout (header line and document) into the facts of one host, after checking the document
 * against the header's length and sha256: for output read straight from the probe (a pipe, or the SSM API's own
 * copy). Output with anything but white space after the document is refused. Never throws.
 */
export function parseProbeOutput(output: string | Uint8Array, target: TargetInfo): TargetFacts {
  const framed = splitProbeOutput(output);
  if (!framed.ok) return probeFailure(target, framed.reason);
  const { header, document } = framed;
  if (!framed.complete) {
    return probeFailure(
      target,
      `the host probe output is truncated (${Buffer.byteLength(document, 'latin1')} of ${header.bytes} bytes)`,
    );
  }
  const mismatch = documentMismatch(header, document);
  if (mismatch) return probeFailure(target, `the host probe output does not match its header (${mismatch})`);
  if (framed.trailing.trim() !== '') {
    return probeFailure(
      target,
      `the host probe output has ${Buffer.byteLength(framed.trailing, 'latin1')} unexpected bytes after its document`,
    );
  }
  return parseProbeDocument(document, target);
}

/** Parses the probe's JSON document (the output without its header line) into the facts of one host. Never throws. */
export function parseProbeDocument(text: string, target: TargetInfo): TargetFacts {
  const trimmed = text.trim();
  if (trimmed === '') return probeFailure(target, 'the host probe printed nothing');
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    if (trimmed.startsWith(`{"probe":"${PROBE_NAME}"`)) {
      return probeFailure(target, `the host probe output is truncated (${trimmed.length} characters, no end marker)`);
    }
    return probeFailure(
      target,
      `the host probe output is not a probe document (starts with ${JSON.stringify(trimmed.slice(0, 40))})`,
    );
  }
  const header = headerSchema.safeParse(doc);
  if (!header.success) {
    return probeFailure(target, `the host probe output is not a probe document (${issues(header.error)})`);
  }
  if (header.data.version > PROBE_VERSION) {
    return probeFailure(
      target,
      `the host probe reports version ${header.data.version}, newer than this collector understands (${PROBE_VERSION}): upgrade compliance-bot`,
    );
  }
  if (header.data.error) return probeFailure(target, `the host probe failed: ${header.data.error}`);
  if (header.data.end !== true) return probeFailure(target, 'the host probe output is truncated (no end marker)');

  const d = doc as Record<string, unknown>;
  const section = <S extends z.ZodType, T>(name: string, schema: S, build: (v: z.infer<S>) => Fact<T>): Fact<T> => {
    if (!(name in d)) return no(`the host probe output has no "${name}" section`);
    const parsed = schema.safeParse(d[name]);
    if (!parsed.success) return no(`the host probe's "${name}" section is malformed (${issues(parsed.error)})`);
    try {
      return build(parsed.data);
    } catch (err) {
      return no(`the host probe's "${name}" section could not be read: ${errorMessage(err)}`);
    }
  };
  const live = header.data.live === true;
  const kubelet = section('kubelet', kubeletSchema, (v) => buildKubelet(v, live));
  const facts: FactSet = {
    'host.os': section('os', osSchema, buildOs),
    'host.sshd': section('sshd', sshdSchema, buildSshd),
    'host.accounts': section('accounts', accountsSchema, buildAccounts),
    'host.kubelet': kubelet,
    'host.files': section('files', filesSchema, (v) =>
      ok(
        v.map(({ user, group, ...f }) => ({ ...f, path: decodeBytes(f.path), ...names({ user, group }) }) as HostFile),
      ),
    ),
    'host.certs': section('certs', certsSchema, (v) => ok(v.map(buildCert))),
    'host.staticPods': section('staticPods', podsSchema, (v) =>
      v.error ? no(`the static Pod folder could not be read: ${v.error}`) : ok(v.pods.map(buildPod)),
    ),
    'host.kubeProxy': section('kubeProxy', kubeProxySchema, buildKubeProxy),
    ...parseOsSections(section, decodeBytes, live),
  };
  return { target, facts };
}

/** Owner names as the host's own account files give them; an empty name (an ID without an entry) is left out. */
function names(f: { user?: string; group?: string }): { user?: string; group?: string } {
  return {
    ...(f.user ? { user: decodeBytes(f.user) } : {}),
    ...(f.group ? { group: decodeBytes(f.group) } : {}),
  };
}

function unquote(v: string): string {
  const m = /^"(.*)"$/.exec(v) ?? /^'(.*)'$/.exec(v);
  return m ? m[1] : v;
}

function buildOs(v: z.infer<typeof osSchema>): Fact<HostOs> {
  if (v.osRelease === undefined) return no(v.osReleaseError ?? 'no os-release');
  const kv: Record<string, string> = {};
  // Lines end in \n or \r\n: systemd reads both.
  for (const line of decodeBytes(v.osRelease).split(/\r?\n/)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) kv[m[1]] = unquote(m[2]);
  }
  const os: HostOs = { id: kv.ID ?? 'unknown', hostname: decodeBytes(v.hostname) };
  if (kv.VERSION_ID) os.versionId = kv.VERSION_ID;
  if (kv.PRETTY_NAME) os.prettyName = kv.PRETTY_NAME;
  if (v.kernel) os.kernel = v.kernel;
  return ok(os);
}

function specLabel(match: string): string | undefined {
  return match.startsWith('(') ? undefined : decodeBytes(match);
}

function buildSshd(v: z.infer<typeof sshdSchema>): Fact<HostSshd> {
  const notes: string[] = [];
  const files: ConfigFiles = new Map();
  for (const f of v.files) files.set(decodeBytes(f.path), f.content === undefined ? null : decodeBytes(f.content));
  const main = decodeBytes(v.config);
  const fileList = v.files.map((f) => decodeBytes(f.path));
  const specs = v.specs.map((s) => ({
    spec: s.spec,
    match: specLabel(s.match),
    groups: s.groups === '' ? [] : s.groups.split(','),
    synthetic: s.synthetic === true,
  }));
  const syntheticNote = (groups: string[]) =>
    `no member of ${groups.join(', ')} on this host (a directory group?): evaluated from the files for a member`;
  const mainRead = files.get(main) != null;

  // A file or Include folder the probe could not read (a 0600 drop-in, a 0700 folder when the probe is not root) may
  // set anything: the view would be incomplete, so there is none. sshd -T run by the same user read no more. An entry
  // with an error was not read, even one that also carries content. Without the main file, the reason is its own.
  const unreadable = v.files.filter((f) => f.error);
  if (unreadable.length > 0 && mainRead) {
    const list = unreadable.map((f) => `${decodeBytes(f.path)}: ${f.error}`).join('; ');
    const hint = unreadable.some((f) => /permission|not readable/.test(f.error ?? '')) ? ': run the probe as root' : '';
    return no(`the sshd configuration could not be read completely (${list})${hint}`);
  }

  // The daemon refused the configuration: its verdict stands, and no setting is known (a reload would fail; the
  // running daemon keeps an older configuration that is not on disk).
  const refusal = daemonRefusal(v);
  if (refusal !== null) {
    return ok({
      source: 'sshd-T',
      contexts: [],
      files: fileList,
      validation: { by: 'sshd-T', accepted: false, message: refusal },
    });
  }

  // The daemon's own view, when it could run for the global context and for every spec.
  const t = v.t ?? [];
  const tFailed = t.filter((e) => e.out === undefined);
  if (t.length > 0 && tFailed.length === 0) {
    const contexts: SshdContext[] = [];
    const global = t.find((e) => e.spec === '');
    if (global?.out !== undefined) contexts.push({ context: 'global', settings: parseSshdT(global.out) });
    for (const s of specs) {
      if (s.synthetic) {
        // sshd can only evaluate a Match Group for a real member: the file parser does it for a synthetic one.
        // Past the check above, the files were all read when the main file was.
        if (!mainRead) {
          notes.push(`${s.match ?? s.spec}: ${syntheticNote(s.groups)}, but the files could not be read`);
          continue;
        }
        const e = evaluateFiles(files, main, parseSpec(s.spec, s.groups), s.spec);
        if (s.match) e.context.match = s.match;
        e.context.note = syntheticNote(s.groups);
        contexts.push(e.context);
        continue;
      }
      const e = t.find((x) => x.spec === s.spec);
      if (!e || e.out === undefined) {
        notes.push(`sshd -T -C ${s.spec} gave no output`);
        continue;
      }
      const spec = parseSpec(s.spec);
      contexts.push({
        context: s.spec,
        ...(spec.user ? { user: spec.user } : {}),
        ...(s.match ? { match: s.match } : {}),
        settings: parseSshdT(e.out),
      });
    }
    if (notes.length === 0 && contexts.length === specs.length + 1) {
      return ok({ source: 'sshd-T', contexts, files: fileList, validation: { by: 'sshd-T', accepted: true } });
    }
  }
  if (v.tError) notes.push(v.tError);
  for (const e of tFailed) notes.push(e.error ?? `sshd -T -C ${e.spec} failed`);

  if (!files.has(main)) return no(`no sshd configuration (${notes.join('; ') || `${main} was not read`})`);
  if (files.get(main) === null) {
    const err = v.files.find((f) => decodeBytes(f.path) === main)?.error ?? 'not readable';
    if (!v.binary && err === 'no such file') {
      return no(`sshd is not installed on this host (no sshd binary, no ${main})`);
    }
    return no(`${main}: ${err}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  }
  // No verdict from the daemon: the file parser judges what it knows, and says so.
  const invalid = validateConfigFiles(files, main);
  if (invalid.length > 0) {
    const sshd: HostSshd = {
      source: 'files',
      contexts: [],
      files: fileList,
      validation: {
        by: 'files',
        accepted: false,
        message: invalid.slice(0, 3).join('; '),
        note: FILE_VALIDATION_SCOPE,
      },
    };
    if (notes.length) sshd.notes = notes;
    return ok(sshd);
  }
  const contexts: SshdContext[] = [];
  const global = evaluateFiles(files, main, null, 'global');
  contexts.push(global.context);
  const errors = new Set(global.errors);
  for (const s of specs) {
    const e = evaluateFiles(files, main, parseSpec(s.spec, s.groups), s.spec);
    if (s.match) e.context.match = s.match;
    if (s.synthetic) e.context.note = syntheticNote(s.groups);
    contexts.push(e.context);
    for (const x of e.errors) errors.add(x);
  }
  notes.push(...[...errors].filter((x) => !notes.some((n) => x.startsWith(n.split(':')[0]))));
  const sshd: HostSshd = {
    source: 'files',
    contexts,
    files: fileList,
    validation: { by: 'files', accepted: true, note: FILE_VALIDATION_SCOPE },
  };
  if (notes.length) sshd.notes = notes;
  return ok(sshd);
}

/** sshd's own words for a configuration error ("<file> line 3: unsupported option ..."), not a failure to run. */
const CONFIG_ERROR = /\bline \d+:|bad configuration option|terminating, \d+ bad configuration|unsupported option/i;

/**
 * sshd's message when `sshd -T` refused the configuration (globally or for one connection spec), sanitised: the
 * first lines, printable ASCII only, bounded. Null when sshd did not run or failed for another reason (a missing
 * privilege separation directory says nothing about the configuration).
 */
export function daemonRefusal(v: { binary?: string; t?: { error?: string }[]; tError?: string }): string | null {
  if (v.binary === undefined) return null;
  const failures = [...(v.t === undefined && v.tError ? [v.tError] : []), ...(v.t ?? []).map((e) => e.error ?? '')];
  const refused = failures.map((f) => f.replace(/^sshd -T (-C )?failed: /, '')).find((f) => CONFIG_ERROR.test(f));
  return refused === undefined ? null : sanitiseDaemonMessage(refused);
}

export function sanitiseDaemonMessage(text: string): string {
  return decodeBytes(text)
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/[^\x20-\x7e]/g, '?'))
    .filter((l) => l !== '')
    .slice(0, 3)
    .map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l))
    .join(' / ');
}

function buildAccounts(v: z.infer<typeof accountsSchema>): Fact<HostAccounts> {
  if (v.passwd === undefined) return no(v.passwdError ?? '/etc/passwd was not read');
  const shadow = new Map<string, string>();
  if (v.shadow !== undefined) {
    for (const line of decodeBytes(v.shadow).split('\n')) {
      const i = line.lastIndexOf(':');
      if (i > 0) shadow.set(line.slice(0, i), line.slice(i + 1));
    }
  }
  const accounts: HostAccount[] = [];
  for (const line of decodeBytes(v.passwd).split('\n')) {
    const [name, uidText] = line.split(':');
    if (!name || !/^\d+$/.test(uidText ?? '')) continue;
    const state = shadow.get(name);
    accounts.push({
      name,
      uid: Number(uidText),
      password: state === 'locked' || state === 'empty' || state === 'set' ? state : 'unknown',
    });
  }
  const out: HostAccounts = { accounts, shadowReadable: v.shadow !== undefined };
  if (v.shadow === undefined) out.shadowError = v.shadowError ?? '/etc/shadow was not read';
  return ok(out);
}

function buildKubelet(v: z.infer<typeof kubeletSchema>, live: boolean): Fact<HostKubelet> {
  const out: HostKubelet = {
    present: v.process || v.configPath !== undefined || v.argsSource === 'systemd',
    flags: null,
    config: null,
  };
  if (v.process && v.args !== undefined) {
    out.flags = parseFlags(decodeBytes(v.args).split('\n').slice(1));
  } else if (v.argsSource === 'systemd' && v.args !== undefined) {
    out.flags = parseFlags(decodeBytes(v.args).split('\n').slice(1));
    out.flagsNote = `flags as the systemd units pass them (${decodeBytes(v.units ?? '')}): the process is not visible`;
  } else {
    out.flagsNote = v.argsError ?? (live ? 'no kubelet process is running' : 'the kubelet process is not visible');
  }
  // Units that could not be read may pass any flag, --config included: no setting is known.
  const unitsUnread = v.argsSource === 'systemd' && v.args === undefined;
  if (v.configPath !== undefined) {
    out.configPath = decodeBytes(v.configPath);
    if (v.config === undefined) out.configError = v.configError ?? 'not read';
    else {
      try {
        const parsed = cleanUntrusted(parseHostYaml(decodeBytes(v.config)) as unknown).value;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.config = parsed as PlainObject;
        else out.configError = 'not a KubeletConfiguration object';
      } catch (err) {
        out.configError = `not valid YAML or JSON${yamlError(err)}`;
      }
    }
  }
  if (v.configDir !== undefined) {
    // Drop-ins override the config file field by field, in name order (the kubelet's --config-dir).
    const dropins = v.dropins ?? [];
    out.configDropins = dropins.map((d) => decodeBytes(d.path));
    if (!out.configPath && dropins.length > 0) out.configPath = decodeBytes(v.configDir);
    const problems: string[] = v.dropinsError ? [v.dropinsError] : [];
    let merged: PlainObject | null = out.config;
    for (const d of dropins) {
      const path = decodeBytes(d.path);
      if (d.content === undefined) {
        problems.push(`${path}: ${d.error ?? 'not read'}`);
        continue;
      }
      try {
        const parsed: unknown = parseHostYaml(decodeBytes(d.content));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          merged = mergeUntrusted(merged ?? {}, parsed as PlainObject);
        } else problems.push(`${path}: not a KubeletConfiguration object`);
      } catch (err) {
        problems.push(`${path}: not valid YAML or JSON${yamlError(err)}`);
      }
    }
    if (problems.length > 0) {
      // A drop-in that could not be read may override anything: the configuration is not known.
      out.config = null;
      out.configError = [out.configError, ...problems].filter(Boolean).join('; ');
    } else if (!out.configError) out.config = merged;
  }
  if (unitsUnread) {
    out.config = null;
    out.configPath ??= 'the kubelet configuration';
    out.configError = v.argsError ?? 'the systemd units could not be read';
  }
  return ok(out);
}

function buildCert(c: z.infer<typeof certsSchema>[number]): HostCertificate {
  const out: HostCertificate = { path: decodeBytes(c.path) };
  if (c.subject) out.subject = decodeBytes(c.subject);
  if (c.error) out.error = c.error;
  else if (c.notAfter) {
    const t = Date.parse(c.notAfter);
    if (Number.isNaN(t)) out.error = `unreadable expiry date ${JSON.stringify(c.notAfter)}`;
    else out.notAfter = new Date(t).toISOString();
  } else out.error = 'no expiry date';
  return out;
}

/**
 * YAML from the host as data. An alias inside the node it names (`a: &x {b: *x}`) makes a value without end, which
 * no copy or merge of it would finish: such a document is refused, with the reason and without quoting it.
 */
function parseHostYaml(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw doc.errors[0];
  visit(doc, {
    Alias(_key, alias, path) {
      if (path.includes(alias.resolve(doc) as never)) throw new Error('an alias refers to a node that contains it');
    },
  });
  return doc.toJS();
}

/** A YAML error by position and reason: the parser's message quotes the file, which may hold a secret. */
function yamlError(err: unknown): string {
  const at = (err as { linePos?: { line: number; col: number }[] })?.linePos?.[0];
  const where = at ? ` at line ${at.line}, column ${at.col}` : '';
  return `${where}: ${parserReason(errorMessage(err))}`;
}

function buildPod(p: z.infer<typeof podsSchema>['pods'][number]): HostStaticPod {
  const out: HostStaticPod = { path: decodeBytes(p.path), containers: [] };
  if (p.content === undefined) {
    out.error = p.error ?? 'not read';
    return out;
  }
  try {
    const doc = cleanUntrusted(parseHostYaml(decodeBytes(p.content)) as unknown).value as {
      metadata?: { name?: unknown };
      spec?: { containers?: { name?: unknown; command?: unknown; args?: unknown }[] };
    };
    if (typeof doc?.metadata?.name === 'string') out.name = doc.metadata.name;
    // Objects here have no prototype (String() of one throws): a non-scalar is written as JSON.
    const text = (x: unknown): string => (x !== null && typeof x === 'object' ? JSON.stringify(x) : String(x));
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : []);
    // Only the command lines are kept: env, volumes and the rest of the manifest never leave this function.
    for (const c of doc?.spec?.containers ?? []) {
      const command = [...list(c?.command), ...list(c?.args)];
      out.containers.push({ name: text(c?.name ?? ''), command, flags: parseFlags(command) });
    }
  } catch (err) {
    out.error = `not valid YAML${yamlError(err)}`;
  }
  return out;
}

/** `metricsBindAddress: "0.0.0.0:10249"` (YAML, the key bare or quoted) or `"metricsBindAddress": "…",` (JSON): the value, unquoted. */
const METRICS_LINE =
  /^\s*(?:metricsBindAddress|"metricsBindAddress"|'metricsBindAddress')\s*:\s*(?:"([^"]*)"|'([^']*)'|([^\s,#]*))/;

function buildKubeProxy(v: z.infer<typeof kubeProxySchema>): Fact<HostKubeProxy> {
  if (v.process !== true || v.args === undefined) {
    return ok({
      running: v.process === true ? null : v.process,
      flags: null,
      ...(v.note ? { note: v.note } : v.process === false ? { note: 'no kube-proxy process is running' } : {}),
    });
  }
  const out: HostKubeProxy = { running: true, flags: parseFlags(decodeBytes(v.args).split('\n').slice(1)) };
  if (v.configPath !== undefined) out.configPath = decodeBytes(v.configPath);
  if (v.configError !== undefined) out.configError = v.configError;
  else if (v.configLines) {
    // The last occurrence wins, as in a YAML or JSON object read by kube-proxy.
    const lines = decodeBytes(v.configLines).split('\n');
    for (const line of lines) {
      if (!line.includes('metricsBindAddress') || /^\s*#/.test(line)) continue;
      const m = METRICS_LINE.exec(line);
      if (m) out.metricsBindAddress = m[1] ?? m[2] ?? m[3];
      else {
        // A one-line JSON object or a flow mapping: the key is there, its value is not read here, and "not set" (the
        // loopback default) would be a guess.
        delete out.metricsBindAddress;
        out.configError =
          'names metricsBindAddress on a line the probe does not read (one-line JSON or a flow mapping)';
        break;
      }
    }
  }
  return ok(out);
}
