/**
 * The `/compliance` grammar (docs/slack.md, "`/compliance`"): a pure function from the text Slack sends to a command.
 * The text is input from the internet: it is tokenised (quotes understood, nothing interpreted), every token is
 * matched against a pattern or a list of known names, and anything else becomes the help text with the reason.
 * Never throws; never hands text on unvalidated.
 */
import { FINGERPRINT_LENGTH, isFingerprintPrefix, MIN_FINGERPRINT_PREFIX } from '../core/fingerprint';
import { FRAMEWORK_DATA } from '../core/frameworks/data';
import { parseEndpointSelector, SelectorSyntaxError } from '../core/netpol/peers';
import { parsePortQuery } from '../core/netpol/ports';
import { parseRequest, RequestSyntaxError } from '../core/rbac/request';

export type ScanSelection =
  | { kind: 'all' }
  | { kind: 'hosts' }
  | { kind: 'clusters' }
  | { kind: 'cluster'; name: string };

export type Command =
  | { name: 'help'; problem?: string }
  | { name: 'scan'; selection: ScanSelection }
  | { name: 'status' }
  | { name: 'posture'; framework?: string }
  | { name: 'diff' }
  | { name: 'host'; host: string }
  | { name: 'explain'; checkId: string }
  | { name: 'who-can'; verb: string; resource: string; namespace?: string }
  | { name: 'can-reach'; from: string; to: string; port?: string }
  | { name: 'waive'; fingerprint: string; days: number; reason: string };

export type CommandName = Command['name'];

export interface GrammarContext {
  /** Cluster names of the configuration: `scan cluster NAME` must name one of them. */
  clusters: readonly string[];
  /** True when a check ID (or alias) exists. */
  isCheck: (id: string) => boolean;
  /** Longest waiver, in days. */
  maxWaiverDays?: number;
}

/** Slack allows 4,000 characters of command text; anything longer than we need is refused before tokenising. */
export const MAX_TEXT = 1_000;
export const MAX_REASON = 500;
export const DEFAULT_MAX_WAIVER_DAYS = 90;

const CLUSTER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const CHECK_ID = /^[a-z0-9][a-z0-9.-]{0,127}$/;
export const VERBS = [
  '*',
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'impersonate',
  'bind',
  'escalate',
  'approve',
  'sign',
  'use',
  'proxy',
] as const;

export const HELP_TEXT = [
  '*/compliance* commands:',
  '• `scan [all|hosts|clusters|cluster NAME]`: scan now; the result comes back here.',
  '• `status`: posture of the latest snapshot of every scope.',
  '• `posture [FRAMEWORK]`: controls passing, failing and unknown per framework at the latest scan of every scope.',
  '• `diff`: regressions and resolved findings of the latest scan.',
  '• `host NAME`: the latest findings of one machine, by EC2 instance ID, SSM managed-instance ID or Node name.',
  '• `explain CHECK-ID`: what a check looks for and how to fix it.',
  '• `who-can VERB RESOURCE|/URL [-n NAMESPACE]`: subjects allowed to do it (built-in ones marked).',
  '• `can-reach FROM TO [PORT]`: whether traffic is allowed (namespace/name, namespace/*, label=value, a CIDR; PORT such as TCP/5432), with the policies.',
  '• `waive FINGERPRINT DAYS REASON…`: accept a finding for DAYS days, with the reason.',
  '• `help`: this text.',
].join('\n');

type Tokens = { ok: true; tokens: string[] } | { ok: false; problem: string };

/** Splits on white space; "double", 'single' and Slack's “curly” quotes group words. Nothing is interpreted. */
export function tokenize(text: string): Tokens {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: string | null = null;
  const closing: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '”': '”' };
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else current += ch;
      continue;
    }
    if (/\s/u.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    inToken = true;
    if (ch in closing) quote = closing[ch];
    else current += ch;
  }
  if (quote !== null) return { ok: false, problem: 'a quote is not closed' };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

const help = (problem?: string): Command => (problem === undefined ? { name: 'help' } : { name: 'help', problem });

/** Shortens and neutralises user text before it is quoted back in a help message. */
export function quoteBack(s: string, max = 40): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = s.replace(/[\u0000-\u001f\u007f`*_~<>&]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Parses the text of `/compliance …`. Unknown or malformed input gives `help` with the reason; never throws. */
export function parseCommand(text: unknown, ctx: GrammarContext): Command {
  try {
    return parse(text, ctx);
  } catch {
    return help('the command could not be read');
  }
}

function parse(text: unknown, ctx: GrammarContext): Command {
  if (typeof text !== 'string') return help();
  if (text.length > MAX_TEXT) return help(`the command is too long (${text.length} characters; at most ${MAX_TEXT})`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text))
    return help('the command contains control characters');
  const t = tokenize(text.trim());
  if (!t.ok) return help(t.problem);
  const [verb, ...args] = t.tokens;
  if (verb === undefined) return help();
  switch (verb.toLowerCase()) {
    case 'help':
      return help();
    case 'status':
      return args.length === 0 ? { name: 'status' } : help('`status` takes no arguments');
    case 'diff':
      return args.length === 0 ? { name: 'diff' } : help('`diff` takes no arguments');
    case 'posture':
      return parsePosture(args);
    case 'scan':
      return parseScan(args, ctx);
    case 'host':
      return parseHost(args);
    case 'explain':
      return parseExplain(args, ctx);
    case 'who-can':
      return parseWhoCan(args);
    case 'can-reach':
      return parseCanReach(args);
    case 'waive':
      return parseWaive(args, ctx);
    default:
      return help(`unknown command "${quoteBack(verb)}"`);
  }
}

/** `posture [FRAMEWORK]`: a framework ID of the data (`compliance-bot frameworks` lists them). */
function parsePosture(args: string[]): Command {
  const known = FRAMEWORK_DATA.map((f) => f.id);
  if (args.length === 0) return { name: 'posture' };
  if (args.length > 1) return help(`\`posture\` takes at most one framework: ${known.join(', ')}`);
  const id = args[0].toLowerCase();
  if (!known.includes(id)) return help(`unknown framework "${quoteBack(args[0])}" (known: ${known.join(', ')})`);
  return { name: 'posture', framework: id };
}

/**
 * A machine's name: an EC2 instance ID, an SSM managed-instance ID or a Node name (a DNS subdomain), matched later
 * against the stored snapshots' targets only.
 */
export const HOST_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

function parseHost(args: string[]): Command {
  if (args.length !== 1)
    return help('`host` takes one name: an instance ID (i-…), a managed-instance ID or a Node name');
  const host = args[0].toLowerCase();
  if (!HOST_NAME.test(host)) return help(`"${quoteBack(args[0])}" is not an instance ID or a Node name`);
  return { name: 'host', host };
}

function parseScan(args: string[], ctx: GrammarContext): Command {
  if (args.length === 0) return { name: 'scan', selection: { kind: 'all' } };
  const [what, name, ...rest] = args;
  const w = what.toLowerCase();
  if ((w === 'all' || w === 'hosts' || w === 'clusters') && args.length === 1) {
    return { name: 'scan', selection: { kind: w } };
  }
  if (w === 'cluster') {
    if (name === undefined || rest.length > 0) return help('`scan cluster` takes one cluster name');
    if (!CLUSTER_NAME.test(name) || !ctx.clusters.includes(name)) {
      const known = ctx.clusters.length > 0 ? ctx.clusters.join(', ') : 'none configured';
      return help(`unknown cluster "${quoteBack(name)}" (known: ${known})`);
    }
    return { name: 'scan', selection: { kind: 'cluster', name } };
  }
  return help('`scan` takes `all`, `hosts`, `clusters` or `cluster NAME`');
}

function parseExplain(args: string[], ctx: GrammarContext): Command {
  if (args.length !== 1) return help('`explain` takes one check ID, such as host.ssh.root-login-disabled');
  const id = args[0].toLowerCase();
  if (!CHECK_ID.test(id) || !ctx.isCheck(id)) return help(`unknown check "${quoteBack(args[0], 80)}"`);
  return { name: 'explain', checkId: id };
}

/**
 * `who-can VERB RESOURCE [-n NAMESPACE]`: the words are Slack's, the validation is the one request parser the CLI
 * uses too (src/core/rbac/request.ts), so both front ends accept and refuse the same requests. Slack keeps its verb
 * list (the verbs RBAC knows) so a typo is answered with help instead of an empty answer.
 */
function parseWhoCan(args: string[]): Command {
  const usage = '`who-can` takes VERB RESOURCE [-n NAMESPACE], such as `who-can get secrets -n prod`';
  let namespace: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--namespace') {
      if (namespace !== undefined || i + 1 >= args.length) return help(usage);
      namespace = args[++i];
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 2) return help(usage);
  const verb = positional[0].toLowerCase();
  if (!(VERBS as readonly string[]).includes(verb)) return help(`unknown verb "${quoteBack(positional[0])}"`);
  // A non-resource URL (`/healthz`, `/logs/*`) keeps its case; a resource is lower case.
  const target = positional[1].startsWith('/') ? positional[1] : positional[1].toLowerCase();
  if (target.length > 128) return help(`"${quoteBack(target)}" is too long for a resource or a URL`);
  try {
    parseRequest({ verb, target, ...(namespace !== undefined ? { namespace } : {}) });
  } catch (err) {
    if (!(err instanceof RequestSyntaxError)) throw err;
    return help(quoteBack(err.message, 200));
  }
  return { name: 'who-can', verb, resource: target, ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * `can-reach FROM TO [PORT]`: the selectors and the port go through the parsers the CLI uses (src/core/netpol), so
 * both front ends accept and refuse the same questions.
 */
function parseCanReach(args: string[]): Command {
  const usage = '`can-reach` takes FROM TO [PORT], such as `can-reach shop/frontend payments/ledger TCP/5432`';
  if (args.length < 2 || args.length > 3) return help(usage);
  const [from, to, port] = args;
  try {
    const a = parseEndpointSelector(from);
    const b = parseEndpointSelector(to);
    if (a.kind === 'addresses' && b.kind === 'addresses') return help('one end of `can-reach` must be a workload');
    if (port !== undefined) parsePortQuery(port);
  } catch (err) {
    if (!(err instanceof SelectorSyntaxError) && !(err instanceof Error)) throw err;
    return help(quoteBack(err.message, 200));
  }
  return { name: 'can-reach', from, to, ...(port !== undefined ? { port } : {}) };
}

function parseWaive(args: string[], ctx: GrammarContext): Command {
  const max = ctx.maxWaiverDays ?? DEFAULT_MAX_WAIVER_DAYS;
  const usage = `\`waive\` takes FINGERPRINT DAYS REASON…, such as \`waive 3f9a1c0b2d4e5f607182 30 vendor fix due\``;
  if (args.length < 3) return help(usage);
  const [fp, daysText, ...reasonWords] = args;
  const lower = fp.toLowerCase();
  if (!/^[0-9a-f]+$/.test(lower) || lower.length > FINGERPRINT_LENGTH) {
    return help(`"${quoteBack(fp)}" is not a fingerprint (20 hex characters, or a unique prefix of them)`);
  }
  if (!isFingerprintPrefix(lower)) {
    return help(
      `"${quoteBack(fp)}" is too short: give at least ${MIN_FINGERPRINT_PREFIX} characters of the fingerprint shown beside the finding`,
    );
  }
  const v = validateWaiver(daysText, reasonWords.join(' '), max);
  if (!v.ok) return help(v.problem);
  return { name: 'waive', fingerprint: lower, days: v.days, reason: v.reason };
}

/** Validates the days and reason of a waiver (the command and the modal share it). */
export function validateWaiver(
  daysText: string,
  reasonText: string,
  max = DEFAULT_MAX_WAIVER_DAYS,
): { ok: true; days: number; reason: string } | { ok: false; problem: string; field: 'days' | 'reason' } {
  if (!/^\d{1,4}$/.test(daysText.trim()))
    return { ok: false, field: 'days', problem: `days must be a whole number from 1 to ${max}` };
  const days = Number(daysText.trim());
  if (days < 1 || days > max)
    return { ok: false, field: 'days', problem: `days must be a whole number from 1 to ${max}` };
  const reason = reasonText
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (reason.length < 3) return { ok: false, field: 'reason', problem: 'give a reason (at least 3 characters)' };
  if (reason.length > MAX_REASON)
    return { ok: false, field: 'reason', problem: `the reason is too long (at most ${MAX_REASON} characters)` };
  return { ok: true, days, reason };
}

/** The permission class of a command: scan and waive are stricter than the queries. */
export function permissionOf(command: Command): 'scan' | 'waive' | 'query' | 'none' {
  if (command.name === 'scan') return 'scan';
  if (command.name === 'waive') return 'waive';
  if (command.name === 'help') return 'none';
  return 'query';
}
