/**
 * The operating-system hardening sections of the host probe's document (probe.sh, after the Kubernetes sections):
 * SSH file modes, sudo, PAM password quality, kernel parameters and modules, audit rules, services, mandatory access
 * control, core dump limits, automatic updates and the container runtime. Each section becomes one fact, or the
 * reason it has none; configuration semantics (sysctl.d precedence, sudoers includes, audit rule syntax) are applied
 * here, never on the host. See docs/host.md.
 */
import { z } from 'zod';
import type {
  AuditWatch,
  HostAudit,
  HostLimits,
  HostMac,
  HostModules,
  HostPasswordQuality,
  HostRuntime,
  HostServices,
  HostSshFiles,
  HostStat,
  HostSudo,
  HostSysctl,
  HostUpdates,
} from '../../core/facts/host';
import type { Fact, FactSet } from '../../core/model';

/** The facts of the operating-system sections. */
export const HOST_OS_FACT_KEYS = [
  'host.sshFiles',
  'host.sudo',
  'host.pam',
  'host.sysctl',
  'host.modules',
  'host.audit',
  'host.services',
  'host.mac',
  'host.limits',
  'host.updates',
  'host.runtime',
] as const;

/** The kernel parameters the probe reads from /proc/sys (its OS_SYSCTL_KEYS). */
export const SYSCTL_KEYS = [
  'net.ipv4.ip_forward',
  'net.ipv6.conf.all.forwarding',
  'net.ipv4.conf.all.send_redirects',
  'net.ipv4.conf.default.send_redirects',
  'net.ipv4.conf.all.accept_source_route',
  'net.ipv4.conf.default.accept_source_route',
  'net.ipv6.conf.all.accept_source_route',
  'net.ipv6.conf.default.accept_source_route',
  'net.ipv4.conf.all.accept_redirects',
  'net.ipv4.conf.default.accept_redirects',
  'net.ipv6.conf.all.accept_redirects',
  'net.ipv6.conf.default.accept_redirects',
  'net.ipv4.conf.all.secure_redirects',
  'net.ipv4.conf.default.secure_redirects',
  'net.ipv4.conf.all.log_martians',
  'net.ipv4.conf.default.log_martians',
  'net.ipv4.icmp_echo_ignore_broadcasts',
  'net.ipv4.icmp_ignore_bogus_error_responses',
  'net.ipv4.conf.all.rp_filter',
  'net.ipv4.conf.default.rp_filter',
  'net.ipv4.tcp_syncookies',
  'net.ipv6.conf.all.accept_ra',
  'net.ipv6.conf.default.accept_ra',
  'kernel.randomize_va_space',
  'fs.suid_dumpable',
] as const;

const str = z.string();
const fileList = z.array(z.object({ path: str, content: str.optional(), error: str.optional() }));
type FileEntry = z.infer<typeof fileList>[number];
const statList = z.array(
  z.object({
    role: str,
    path: str,
    mode: z
      .string()
      .regex(/^[0-7]{1,4}$/)
      .optional(),
    uid: z.number().int().nonnegative().optional(),
    gid: z.number().int().nonnegative().optional(),
    error: str.optional(),
  }),
);

const schemas = {
  sshFiles: z.object({ error: str.optional(), files: statList }),
  sudo: z.object({ binary: z.boolean(), version: str.optional(), files: fileList }),
  pam: z.object({ files: fileList }),
  sysctl: z.object({ runtime: str.optional(), runtimeError: str.optional(), files: fileList }),
  modules: z.object({ loaded: str.optional(), loadedError: str.optional(), files: fileList }),
  audit: z.object({ rules: str.optional(), rulesError: str.optional(), files: fileList }),
  services: z.object({ running: str.optional(), enabled: str, masked: str, error: str.optional() }),
  mac: z.object({
    selinuxEnforce: str.optional(),
    apparmorEnabled: str.optional(),
    apparmorProfiles: str.optional(),
    apparmorProfilesError: str.optional(),
    apparmorConfig: z.boolean().optional(),
    files: fileList,
  }),
  limits: z.object({ files: fileList }),
  updates: z.object({ tools: str, files: fileList }),
  runtime: z.object({ present: str, files: statList }),
};

type Section = <S extends z.ZodType, T>(name: string, schema: S, build: (v: z.infer<S>) => Fact<T>) => Fact<T>;

const ok = <T>(value: T): Fact<T> => ({ ok: true, value });
const no = <T>(reason: string): Fact<T> => ({ ok: false, reason });
const lines = (s: string | undefined): string[] => (s ?? '').split('\n').filter((l) => l !== '');

/**
 * The operating-system facts of one probe document. `section` reads one member of the document (missing or
 * malformed: that fact only is unknown); `decode` turns the probe's \u00XX bytes back into text.
 */
export function parseOsSections(section: Section, decode: (s: string) => string, live: boolean): FactSet {
  const read = (files: FileEntry[]) =>
    files.map((f) => ({
      path: decode(f.path),
      content: f.content === undefined ? undefined : decode(f.content),
      error: f.error,
    }));
  return {
    'host.sshFiles': section('sshFiles', schemas.sshFiles, (v) =>
      v.error
        ? no(`the SSH folder could not be listed: ${v.error}`)
        : ok<HostSshFiles>({ files: stats(v.files, decode) }),
    ),
    'host.sudo': section('sudo', schemas.sudo, (v) => buildSudo(v.binary, v.version, read(v.files))),
    'host.pam': section('pam', schemas.pam, (v) => buildPam(read(v.files))),
    'host.sysctl': section('sysctl', schemas.sysctl, (v) => buildSysctl(v, read(v.files), live)),
    'host.modules': section('modules', schemas.modules, (v) => buildModules(v, read(v.files), live)),
    'host.audit': section('audit', schemas.audit, (v) => buildAudit(v, read(v.files), live)),
    'host.services': section('services', schemas.services, (v) =>
      ok<HostServices>({
        running: v.running === undefined ? null : lines(v.running),
        enabled: lines(v.enabled),
        masked: lines(v.masked),
        ...(v.error ? { error: v.error } : {}),
      }),
    ),
    'host.mac': section('mac', schemas.mac, (v) => buildMac(v, read(v.files), live)),
    'host.limits': section('limits', schemas.limits, (v) => buildLimits(read(v.files))),
    'host.updates': section('updates', schemas.updates, (v) => buildUpdates(v.tools, read(v.files))),
    'host.runtime': section('runtime', schemas.runtime, (v) =>
      ok<HostRuntime>({ present: v.present.split(' ').filter(Boolean), files: stats(v.files, decode) }),
    ),
  };
}

function stats(list: z.infer<typeof statList>, decode: (s: string) => string): HostStat[] {
  return list.map((f) => ({ ...f, path: decode(f.path) }));
}

interface ReadFile {
  path: string;
  content?: string;
  error?: string;
}

/** Files that could not be read make the fact unknown: what they hold could change any answer. */
function unreadable(files: ReadFile[], what: string): string | null {
  const bad = files.filter((f) => f.content === undefined);
  if (bad.length === 0) return null;
  return `${what} could not be read completely (${bad.map((f) => `${f.path}: ${f.error ?? 'not read'}`).join('; ')})`;
}

// ---------------------------------------------------------------- sudo

/** sudoers `Defaults` flags the checks read. */
const SUDO_FLAGS = new Set(['use_pty', 'logfile']);

/**
 * sudoers as sudo reads it: /etc/sudoers, with `#include`/`@include` files and `#includedir`/`@includedir` folders
 * expanded in place (the probe listed them). Only global `Defaults` lines count (`Defaults:user`, `Defaults@host`,
 * `Defaults!cmd` and `Defaults>runas` apply to some commands only); the last one wins. Never executed.
 */
export function buildSudo(binary: boolean, version: string | undefined, files: ReadFile[]): Fact<HostSudo> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const main = byPath.get('/etc/sudoers');
  if (!main && !binary) return ok({ installed: false, files: [], defaults: {}, nopasswd: [] });
  const problem = unreadable(files, 'the sudoers files');
  if (problem) return no(problem);
  if (!main) return no('sudo is installed but /etc/sudoers does not exist or was not read');
  const out: HostSudo = { installed: true, files: [], defaults: {}, nopasswd: [] };
  const m = /(\d+\.\d+\.\d+(?:p\d+)?)/.exec(version ?? '');
  if (m) out.version = m[1];
  // sudo-rs answers `sudo -V` with "sudo-rs 0.2.5": its numbers are not sudo's.
  if (/^\s*sudo-rs\b/i.test(version ?? '')) out.implementation = 'sudo-rs';
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  const visit = (path: string, depth: number): void => {
    const f = byPath.get(path);
    if (!f || f.content === undefined || depth > 8 || out.files.includes(path)) return;
    out.files.push(path);
    const logical = joinContinuations(f.content.split('\n'));
    for (const { text, line } of logical) {
      const inc = /^[#@](include|includedir)\s+(.+)$/.exec(text);
      if (inc) {
        let arg = inc[2].trim().replace(/^"(.*)"$/, '$1');
        if (!arg.startsWith('/')) arg = `${dirOf(path)}/${arg}`;
        if (inc[1] === 'include') visit(arg, depth + 1);
        else {
          const inDir = [...byPath.keys()].filter((p) => dirOf(p) === arg).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          for (const p of inDir) visit(p, depth + 1);
        }
        continue;
      }
      if (text.startsWith('#')) continue;
      const at = { file: path, line, text: text.length > 200 ? `${text.slice(0, 200)}...` : text };
      // "!authenticate", for everyone or for some users, is NOPASSWD by another name.
      const scoped = /^Defaults[:@!>]\S*\s+(.*)$/.exec(text);
      if (scoped && splitDefaults(scoped[1]).some((i) => /^!+\s*authenticate$/.test(i))) out.nopasswd.push(at);
      const d = /^Defaults\s+(.*)$/.exec(text);
      if (d) {
        if (splitDefaults(d[1]).some((i) => /^!+\s*authenticate$/.test(i))) out.nopasswd.push(at);
        for (const item of splitDefaults(d[1])) {
          const neg = /^!+\s*(\w+)$/.exec(item);
          const kv = /^(\w+)\s*([+-]?=)\s*(.*)$/.exec(item);
          if (neg && SUDO_FLAGS.has(neg[1])) out.defaults[neg[1]] = { value: false, at };
          else if (kv && SUDO_FLAGS.has(kv[1])) out.defaults[kv[1]] = { value: kv[3].replace(/^"(.*)"$/, '$1'), at };
          else if (SUDO_FLAGS.has(item)) out.defaults[item] = { value: true, at };
        }
        continue;
      }
      if (/^Defaults[:@!>]/.test(text) || /^\w+_Alias\s/.test(text)) continue;
      if (/(^|[\s,:=(])NOPASSWD\s*:/.test(text)) out.nopasswd.push(at);
    }
  };
  visit('/etc/sudoers', 0);
  return ok(out);
}

/** Logical lines: a trailing backslash continues the line; comments after `#` (not `#include`) are dropped. */
function joinContinuations(raw: string[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let buf = '';
  let start = 0;
  raw.forEach((l, i) => {
    if (buf === '') start = i + 1;
    if (l.endsWith('\\')) {
      buf += `${l.slice(0, -1)} `;
      return;
    }
    const text = (buf + l).trim();
    buf = '';
    if (text !== '') out.push({ text, line: start });
  });
  if (buf.trim() !== '') out.push({ text: buf.trim(), line: start });
  return out;
}

/** `Defaults a, !b, c="x, y"`: items separated by commas outside double quotes. */
function splitDefaults(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      items.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  items.push(cur.trim());
  return items.filter(Boolean);
}

// ---------------------------------------------------------------- PAM password quality

const PAM_STACKS = ['/etc/pam.d/common-password', '/etc/pam.d/system-auth', '/etc/pam.d/password-auth'];
const QUALITY_KEYS = new Set(['minlen', 'minclass', 'dcredit', 'ucredit', 'lcredit', 'ocredit', 'retry', 'maxrepeat']);

/**
 * pwquality.conf, then its drop-ins in name order, then the arguments of the pam_pwquality/pam_cracklib line of
 * each password stack (module arguments override the files).
 */
export function buildPam(files: ReadFile[]): Fact<HostPasswordQuality> {
  const problem = unreadable(files, 'the PAM password settings');
  if (problem) return no(problem);
  const out: HostPasswordQuality = { stacks: [], modules: {}, settings: {} };
  const conf = files
    .filter((f) => f.path.startsWith('/etc/security/pwquality.conf'))
    .sort((a, b) =>
      a.path === '/etc/security/pwquality.conf'
        ? -1
        : b.path === '/etc/security/pwquality.conf'
          ? 1
          : a.path < b.path
            ? -1
            : 1,
    );
  for (const f of conf) {
    for (const l of (f.content ?? '').split('\n')) {
      const m = /^\s*(\w+)\s*=\s*(\S+)/.exec(l);
      if (m && QUALITY_KEYS.has(m[1])) out.settings[m[1]] = { value: m[2], from: f.path };
    }
  }
  for (const path of PAM_STACKS) {
    const f = files.find((x) => x.path === path);
    if (!f) continue;
    out.stacks.push(path);
    out.modules[path] = null;
    for (const l of (f.content ?? '').split('\n')) {
      const m = /^\s*password\s+(?:\[[^\]]*\]|\S+)\s+(\S*(pam_pwquality|pam_cracklib)\.so)\s*(.*)$/.exec(l);
      if (!m) continue;
      out.modules[path] = m[2];
      for (const arg of m[3].split(/\s+/)) {
        const kv = /^(\w+)=(\S+)$/.exec(arg);
        if (kv && QUALITY_KEYS.has(kv[1])) out.settings[kv[1]] = { value: kv[2], from: path };
      }
    }
  }
  return ok(out);
}

// ---------------------------------------------------------------- configuration folders (sysctl.d, modprobe.d)

/** Folder precedence for files of the same name: /etc over /run over /usr/local/lib over /usr/lib and /lib. */
const DIR_RANK = ['/etc/', '/run/', '/usr/local/lib/', '/usr/lib/', '/lib/'];

/**
 * The files systemd applies, in order: sorted by file name whatever their folder, a name in a higher folder hiding
 * the same name in a lower one (sysctl.d(5), modprobe.d(5)).
 */
export function orderConfigFiles<T extends { path: string }>(files: T[]): T[] {
  const rank = (p: string) => DIR_RANK.findIndex((d) => p.startsWith(d));
  const byName = new Map<string, T>();
  for (const f of files) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    const seen = byName.get(name);
    if (!seen || rank(f.path) < rank(seen.path)) byName.set(name, f);
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

/** A sysctl key as its /proc/sys path: a first separator "." swaps dots and slashes, a first "/" keeps both. */
export function sysctlPath(key: string): string {
  const k = key.trim();
  const first = k.search(/[./]/);
  if (first < 0 || k[first] === '/') return k;
  return k.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

/** fnmatch(3) with `*`, `?` and `[...]` over a /proc/sys path. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The values systemd-sysctl writes at boot for `keys`, from the files in the order they apply: a later assignment
 * of a key replaces an earlier one; a glob assignment reaches every key no explicit assignment names (explicit
 * ones win whatever the order); `-key` without a value excludes a key from the globs.
 */
export function applySysctl(
  files: { path: string; content: string }[],
  keys: readonly string[],
): Record<string, { value: string; file: string }> {
  const explicit = new Map<string, { value: string; file: string }>();
  const globs: { re: RegExp; value: string; file: string }[] = [];
  const excluded = new Set<string>();
  for (const f of orderConfigFiles(files)) {
    for (const raw of f.content.split('\n')) {
      const l = raw.trim();
      if (l === '' || l.startsWith('#') || l.startsWith(';')) continue;
      const eq = l.indexOf('=');
      let key = (eq < 0 ? l : l.slice(0, eq)).trim();
      if (key.startsWith('-')) key = key.slice(1).trim();
      const path = sysctlPath(key);
      if (eq < 0) {
        if (l.startsWith('-')) excluded.add(path);
        continue;
      }
      const value = l.slice(eq + 1).trim();
      if (/[*?[]/.test(path)) {
        // A later glob for the same pattern replaces the earlier one.
        const at = globs.findIndex((g) => g.re.source === globToRegExp(path).source);
        if (at >= 0) globs.splice(at, 1);
        globs.push({ re: globToRegExp(path), value, file: f.path });
      } else {
        explicit.delete(path);
        explicit.set(path, { value, file: f.path });
      }
    }
  }
  const out: Record<string, { value: string; file: string }> = {};
  for (const key of keys) {
    const path = sysctlPath(key);
    const e = explicit.get(path);
    if (e) out[key] = e;
    else if (!excluded.has(path)) {
      const g = [...globs].reverse().find((x) => x.re.test(path));
      if (g) out[key] = { value: g.value, file: g.file };
    }
  }
  return out;
}

function buildSysctl(v: z.infer<typeof schemas.sysctl>, files: ReadFile[], live: boolean): Fact<HostSysctl> {
  const problem = unreadable(files, 'the sysctl.d files');
  if (problem) return no(problem);
  const ordered = orderConfigFiles(files.map((f) => ({ path: f.path, content: f.content ?? '' })));
  const out: HostSysctl = {
    runtime: null,
    configured: applySysctl(ordered, SYSCTL_KEYS),
    files: ordered.map((f) => f.path),
  };
  if (v.runtime !== undefined) {
    out.runtime = {};
    for (const l of lines(v.runtime)) {
      const i = l.indexOf('=');
      if (i > 0) out.runtime[l.slice(0, i)] = l.slice(i + 1).trim();
    }
  } else {
    out.runtimeNote =
      v.runtimeError ??
      (live ? 'the running values were not read' : 'the running kernel is not visible under a host root');
  }
  return ok(out);
}

// ---------------------------------------------------------------- kernel modules

const moduleName = (m: string) => m.replace(/-/g, '_');

function buildModules(v: z.infer<typeof schemas.modules>, files: ReadFile[], live: boolean): Fact<HostModules> {
  const problem = unreadable(files, 'the modprobe.d files');
  if (problem) return no(problem);
  const out: HostModules = { loaded: null, install: {}, blacklist: {} };
  // The first install command for a module wins (libkmod keeps them in the order the files are read).
  for (const f of orderConfigFiles(files)) {
    for (const l of (f.content ?? '').split('\n')) {
      const m = /^\s*(install|blacklist)\s+(\S+)\s*(.*)$/.exec(l);
      if (!m) continue;
      const name = moduleName(m[2]);
      if (m[1] === 'blacklist') out.blacklist[name] ??= f.path;
      else out.install[name] ??= { command: m[3].trim(), file: f.path };
    }
  }
  if (v.loaded !== undefined) out.loaded = lines(v.loaded).map(moduleName);
  else
    out.loadedNote =
      v.loadedError ?? (live ? 'loaded modules were not read' : 'loaded modules are not visible under a host root');
  return ok(out);
}

// ---------------------------------------------------------------- audit

/**
 * File watches of audit rules, in the syntax of rule files and of `auditctl -l`: `-w PATH [-p PERMS]` (no -p: every
 * access; a directory watch is recursive), and `-a always,exit` (either order) with `-F path=`/`-F dir=` and
 * `-F perm=` (no perm: every access). `never` rules and other lists record nothing and are left out.
 */
export function auditWatches(rules: string[]): AuditWatch[] {
  const out: AuditWatch[] = [];
  for (const rule of rules) {
    const words = rule.trim().split(/\s+/);
    const opt = (flag: string) => {
      const i = words.indexOf(flag);
      return i >= 0 ? words[i + 1] : undefined;
    };
    if (words[0] === '-w' && words[1]) {
      const perms = opt('-p') ?? 'rwxa';
      out.push({ path: words[1].replace(/(.)\/+$/, '$1'), perms, recursive: true, rule });
      continue;
    }
    const action = opt('-a') ?? opt('-A');
    if (!action) continue;
    const parts = action.split(',');
    if (!parts.includes('always') || !parts.includes('exit')) continue;
    const fields: Record<string, string> = {};
    words.forEach((w, i) => {
      if (w !== '-F') return;
      const m = /^([a-z_]+)(=|!=)(.*)$/.exec(words[i + 1] ?? '');
      if (m && m[2] === '=') fields[m[1]] = m[3];
    });
    const perms = fields.perm ?? 'rwxa';
    if (fields.path) out.push({ path: fields.path, perms, recursive: false, rule });
    else if (fields.dir) out.push({ path: fields.dir.replace(/(.)\/+$/, '$1'), perms, recursive: true, rule });
  }
  return out;
}

function buildAudit(v: z.infer<typeof schemas.audit>, files: ReadFile[], live: boolean): Fact<HostAudit> {
  if (live && v.rules !== undefined) {
    // auditctl -l prints "No rules" when the kernel holds none.
    const rules = lines(v.rules).filter((l) => l.startsWith('-'));
    return ok({ source: 'auditctl', watches: auditWatches(rules), ruleCount: rules.length });
  }
  if (live && v.rulesError && v.rulesError !== 'auditctl is not installed') {
    return no(`the loaded audit rules could not be read (${v.rulesError})`);
  }
  const problem = unreadable(files, 'the audit rule files');
  if (problem) return no(problem);
  // augenrules builds audit.rules from rules.d when rules.d has rules; otherwise audit.rules is loaded as it is.
  const dropins = files
    .filter((f) => f.path.startsWith('/etc/audit/rules.d/'))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const used = dropins.length > 0 ? dropins : files.filter((f) => f.path === '/etc/audit/audit.rules');
  const rules = used.flatMap((f) =>
    lines(f.content)
      .map((l) => l.trim())
      .filter((l) => l.startsWith('-')),
  );
  return ok({ source: 'files', watches: auditWatches(rules), ruleCount: rules.length, files: used.map((f) => f.path) });
}

// ---------------------------------------------------------------- mandatory access control

function buildMac(v: z.infer<typeof schemas.mac>, files: ReadFile[], live: boolean): Fact<HostMac> {
  const problem = unreadable(files, 'the SELinux configuration');
  if (problem) return no(problem);
  const out: HostMac = { live, apparmorConfig: v.apparmorConfig === true };
  if (v.selinuxEnforce === '0' || v.selinuxEnforce === '1') out.selinuxEnforce = v.selinuxEnforce;
  const sel = files.find((f) => f.path === '/etc/selinux/config');
  const mode = /^\s*SELINUX\s*=\s*"?(\w+)"?/m.exec(sel?.content ?? '');
  if (mode) out.selinuxConfig = mode[1].toLowerCase();
  if (v.apparmorEnabled !== undefined) out.apparmorEnabled = v.apparmorEnabled.trim() === 'Y';
  if (v.apparmorProfiles !== undefined) {
    out.apparmorProfiles = {};
    for (const l of lines(v.apparmorProfiles)) {
      const [m, n] = l.split(' ');
      if (m && /^\d+$/.test(n ?? '')) out.apparmorProfiles[m] = Number(n);
    }
  }
  if (v.apparmorProfilesError) out.apparmorProfilesError = v.apparmorProfilesError;
  return ok(out);
}

// ---------------------------------------------------------------- limits, updates

function buildLimits(files: ReadFile[]): Fact<HostLimits> {
  const problem = unreadable(files, 'the limits files');
  if (problem) return no(problem);
  // pam_limits reads limits.conf, then limits.d/*.conf in name order.
  const ordered = [...files].sort((a, b) =>
    a.path === '/etc/security/limits.conf' ? -1 : b.path === '/etc/security/limits.conf' ? 1 : a.path < b.path ? -1 : 1,
  );
  const out: HostLimits = { core: [], files: ordered.map((f) => f.path) };
  for (const f of ordered) {
    (f.content ?? '').split('\n').forEach((l, i) => {
      const m = /^\s*(\S+)\s+(\S+)\s+core\s+(\S+)/.exec(l);
      if (m)
        out.core.push({ domain: m[1], type: m[2], value: m[3], at: { file: f.path, line: i + 1, text: l.trim() } });
    });
  }
  return ok(out);
}

function buildUpdates(tools: string, files: ReadFile[]): Fact<HostUpdates> {
  const problem = unreadable(files, 'the update settings');
  if (problem) return no(problem);
  const out: HostUpdates = { tools: tools.split(' ').filter(Boolean), settings: {} };
  // apt reads apt.conf.d in name order, a later value replacing an earlier one.
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const f of ordered) {
    for (const l of (f.content ?? '').split('\n')) {
      const apt = /^\s*(APT::Periodic::[\w-]+)\s+"([^"]*)"\s*;/.exec(l);
      if (apt) out.settings[apt[1]] = { value: apt[2], file: f.path };
      const ini = /^\s*(apply_updates|upgrade_type|update_cmd)\s*=\s*(\S+)/.exec(l);
      if (ini)
        out.settings[`${f.path.includes('yum') ? 'yum-cron' : 'dnf-automatic'}:${ini[1]}`] = {
          value: ini[2],
          file: f.path,
        };
    }
  }
  return ok(out);
}
