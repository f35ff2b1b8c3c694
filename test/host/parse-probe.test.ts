import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import accountRootLocked from '../../checks/host/account-root-locked';
import sshRootLoginDisabled from '../../checks/host/ssh-root-login-disabled';
import { runProbe } from '../../src/collectors/host/local';
import { decodeBytes, HOST_FACT_KEYS, parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { frameProbeDocument } from '../../src/collectors/host/probe-output';
import { evaluateCheck } from '../../src/core/engine';
import type { Fact, TargetFacts } from '../../src/core/model';
import { makeRoot, workerNode } from './make-root';

const target = { name: 'node-a', kind: 'host' as const };
const now = new Date('2026-11-30T00:00:00Z');
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

async function probeOf(files: Parameters<typeof makeRoot>[1]): Promise<string> {
  const root = makeRoot('node-a', files);
  roots.push(root);
  const run = await runProbe(root);
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The JSON document of a probe output (after its header line). */
const documentOf = (out: string) => JSON.parse(out.slice(out.indexOf('\n') + 1));
/** A document framed as the probe prints it. */
const framed = (doc: unknown) => frameProbeDocument(JSON.stringify(doc));

function reasons(tf: TargetFacts): string[] {
  return HOST_FACT_KEYS.map((k) => {
    const f = tf.facts[k] as Fact<unknown> | undefined;
    return f && !f.ok ? f.reason : 'ok';
  });
}

describe('Function: parseProbeOutput', () => {
  let good = '';
  beforeAll(async () => {
    good = await probeOf(workerNode().files);
  });

  it('reads a complete document into every host fact', () => {
    expect(reasons(parseProbeOutput(good, target)).every((r) => r === 'ok')).toBe(true);
  });

  it('makes every fact unknown when the probe printed nothing', () => {
    expect(new Set(reasons(parseProbeOutput('  \n', target)))).toEqual(new Set(['the host probe printed nothing']));
  });

  it('makes every fact unknown when the output is garbage', () => {
    const r = reasons(parseProbeOutput('sh: 1: Syntax error: "(" unexpected\n', target));
    expect(r).toHaveLength(HOST_FACT_KEYS.length);
    expect(r.every((x) => x.startsWith('the host probe output is not a probe document'))).toBe(true);
  });

  it('makes every fact unknown when the output is cut in the middle (SSM truncation)', () => {
    const r = reasons(parseProbeOutput(good.slice(0, 2500), target));
    const cut = 2500 - good.indexOf('\n') - 1;
    const bytes = good.length - good.indexOf('\n') - 2;
    expect(r.every((x) => x === `the host probe output is truncated (${cut} of ${bytes} bytes)`)).toBe(true);
  });

  it('makes every fact unknown when valid JSON lacks the end marker', () => {
    const doc = documentOf(good);
    delete doc.end;
    const r = reasons(parseProbeOutput(framed(doc), target));
    expect(r.every((x) => x === 'the host probe output is truncated (no end marker)')).toBe(true);
  });

  it('makes every fact unknown, saying to upgrade, for a document from a newer probe version', () => {
    const doc = { ...documentOf(good), version: 2 };
    const r = reasons(parseProbeOutput(framed(doc), target));
    expect(r.every((x) => x.includes('version 2, newer than this collector understands (1): upgrade'))).toBe(true);
  });

  it('makes every fact unknown with the probe error when the host root was unusable', () => {
    const r = reasons(
      parseProbeOutput(
        frameProbeDocument(
          '{"probe":"compliance-bot-host","version":1,"error":"host root is not a directory","end":true}',
        ),
        target,
      ),
    );
    expect(r.every((x) => x === 'the host probe failed: host root is not a directory')).toBe(true);
  });

  it('loses only the facts of a malformed section', () => {
    const doc = { ...documentOf(good), sshd: 42, certs: [{ notAfter: 3 }] };
    const tf = parseProbeOutput(framed(doc), target);
    const sshd = tf.facts['host.sshd'];
    expect(!sshd?.ok && sshd?.reason).toMatch(/^the host probe's "sshd" section is malformed/);
    expect(tf.facts['host.certs']?.ok).toBe(false);
    expect(tf.facts['host.accounts']?.ok).toBe(true);
    expect(tf.facts['host.kubelet']?.ok).toBe(true);
  });

  it('uses the daemon view when sshd -T ran for the global context and every spec', () => {
    const doc = documentOf(good);
    doc.sshd.t = [
      { spec: '', out: 'permitrootlogin without-password\npasswordauthentication no' },
      ...doc.sshd.specs.map((s: { spec: string }) => ({
        spec: s.spec,
        out: 'permitrootlogin no\npasswordauthentication no',
      })),
    ];
    delete doc.sshd.tError;
    const f = parseProbeOutput(framed(doc), target).facts['host.sshd'];
    expect(f?.ok && f.value.source).toBe('sshd-T');
    expect(f?.ok && f.value.contexts[0]).toEqual({
      context: 'global',
      settings: { permitrootlogin: 'prohibit-password', passwordauthentication: 'no' },
    });
    expect(f?.ok && f.value.contexts.find((c) => c.user === 'root')?.settings.permitrootlogin).toBe('no');
  });

  it('evaluates a Match Group without a local member from the files, inside an sshd -T view', async () => {
    const out = await probeOf({
      'etc/ssh/sshd_config': 'PasswordAuthentication no\nMatch Group corp-admins\n  PasswordAuthentication yes\n',
    });
    const doc = documentOf(out);
    expect(doc.sshd.specs[0]).toEqual({
      spec: 'user=compliance-probe-group,host=probe.invalid,addr=192.0.2.10',
      match: 'Match Group corp-admins',
      groups: 'corp-admins',
      synthetic: true,
    });
    // As on a live host where sshd -T ran for every other spec.
    doc.sshd.t = [
      { spec: '', out: 'passwordauthentication no' },
      ...doc.sshd.specs
        .filter((s: { synthetic?: boolean }) => !s.synthetic)
        .map((s: { spec: string }) => ({ spec: s.spec, out: 'passwordauthentication no' })),
    ];
    const f = parseProbeOutput(framed(doc), target).facts['host.sshd'];
    expect(f?.ok && f.value.source).toBe('sshd-T');
    const group = f?.ok ? f.value.contexts.find((c) => c.match === 'Match Group corp-admins') : undefined;
    expect(group?.settings.passwordauthentication).toBe('yes');
    expect(group?.note).toContain('no member of corp-admins on this host');
  });

  it('falls back to the files, with a note, when sshd -T failed for one spec', () => {
    const doc = documentOf(good);
    doc.sshd.t = [
      { spec: '', out: 'permitrootlogin no' },
      { spec: doc.sshd.specs[0].spec, error: 'sshd -T -C failed: bad spec' },
    ];
    const f = parseProbeOutput(framed(doc), target).facts['host.sshd'];
    expect(f?.ok && f.value.source).toBe('files');
    expect(f?.ok && f.value.notes).toContain('sshd -T -C failed: bad spec');
  });
});

describe('Function: parseProbeOutput: what could not be read is never empty', () => {
  let good = '';
  beforeAll(async () => {
    good = await probeOf(workerNode().files);
  });
  const withT = (doc: { sshd: { specs: { spec: string }[]; t?: unknown; tError?: string } }) => {
    doc.sshd.t = [
      { spec: '', out: 'permitrootlogin no' },
      ...doc.sshd.specs.map((s) => ({ spec: s.spec, out: 'permitrootlogin no' })),
    ];
    delete doc.sshd.tError;
  };

  it('gives no sshd view when an Include folder could not be listed, even when sshd -T ran (as the same user)', () => {
    const doc = documentOf(good);
    withT(doc);
    doc.sshd.files.push({
      path: '/etc/ssh/sshd_config.d/*.conf',
      error: 'Include could not be expanded: permission denied (the folder cannot be listed)',
    });
    const f = parseProbeOutput(framed(doc), target).facts['host.sshd'];
    expect(f?.ok).toBe(false);
    expect(!f?.ok && f?.reason).toContain(
      '/etc/ssh/sshd_config.d/*.conf: Include could not be expanded: permission denied',
    );
  });

  it('makes the static Pods unknown when their folder could not be listed', () => {
    const doc = documentOf(good);
    doc.staticPods = { dir: true, error: '/etc/kubernetes/manifests: permission denied', pods: [] };
    const f = parseProbeOutput(framed(doc), target).facts['host.staticPods'];
    expect(!f?.ok && f?.reason).toBe(
      'the static Pod folder could not be read: /etc/kubernetes/manifests: permission denied',
    );
  });

  it('makes the kubelet configuration unknown when the drop-in folder could not be listed', () => {
    const doc = documentOf(good);
    doc.kubelet.configDir = '/etc/kubernetes/kubelet/config.json.d';
    doc.kubelet.dropinsError = '/etc/kubernetes/kubelet/config.json.d: permission denied';
    doc.kubelet.dropins = [];
    const k = parseProbeOutput(framed(doc), target).facts['host.kubelet'];
    expect(k?.ok && k.value.config).toBeNull();
    expect(k?.ok && k.value.configError).toContain('config.json.d: permission denied');
  });

  it('makes the kubelet configuration unknown when its systemd units could not be read (a flag may override it)', () => {
    const doc = documentOf(good);
    Object.assign(doc.kubelet, {
      argsSource: 'systemd',
      units: '/etc/systemd/system/kubelet.service',
      argsError: "the kubelet's systemd units could not be read completely (/etc/default/kubelet: not readable)",
    });
    delete doc.kubelet.args;
    const k = parseProbeOutput(framed(doc), target).facts['host.kubelet'];
    expect(k?.ok && k.value.flags).toBeNull();
    expect(k?.ok && k.value.config).toBeNull();
    expect(k?.ok && k.value.configError).toContain('/etc/default/kubelet: not readable');
  });
});

describe('Probe: the ROOT argument', () => {
  const probe = join(__dirname, '../../src/collectors/host/probe.sh');
  const repo = join(__dirname, '../..');

  it('makes a relative root absolute instead of scanning /', () => {
    const out = spawnSync('/bin/sh', [probe, 'test/host/roots/node-a'], { cwd: repo, encoding: 'utf8' });
    const doc = documentOf(out.stdout);
    expect(doc.root).toBe(join(repo, 'test/host/roots/node-a'));
    expect(doc.live).toBe(false);
  });

  it('answers a versioned error document for a root that is not a directory', () => {
    const out = spawnSync('/bin/sh', [probe, '/nonexistent/compliance-bot'], { encoding: 'utf8' });
    expect(reasons(parseProbeOutput(out.stdout, target))).toEqual(
      Array(HOST_FACT_KEYS.length).fill('the host probe failed: host root is not a directory'),
    );
  });
});

describe('Probe: hosts missing pieces', () => {
  it('gives unknown with the reason for a host without sshd', async () => {
    const { files } = workerNode();
    delete files['etc/ssh/sshd_config'];
    const tf = parseProbeOutput(await probeOf(files), target);
    const f = tf.facts['host.sshd'];
    expect(!f?.ok && f?.reason).toBe('sshd is not installed on this host (no sshd binary, no /etc/ssh/sshd_config)');
    const [r] = evaluateCheck(sshRootLoginDisabled, tf, { now });
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('sshd is not installed');
    expect(tf.facts['host.accounts']?.ok).toBe(true);
  });

  it('gives unknown root-locked, and keeps the accounts, for a host without /etc/shadow', async () => {
    const tf = parseProbeOutput(await probeOf(workerNode({ shadow: null }).files), target);
    const a = tf.facts['host.accounts'];
    expect(a?.ok && a.value.shadowReadable).toBe(false);
    expect(a?.ok && a.value.accounts.map((x) => x.password)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    const [r] = evaluateCheck(accountRootLocked, tf, { now });
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('/etc/shadow does not exist');
  });
});

describe('Probe: an sshd drop-in the probe cannot read', () => {
  it('gives no sshd view (unknown) rather than one that misses the drop-in', async () => {
    const root = makeRoot('node-a', {
      'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n',
      'etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n',
    });
    roots.push(root);
    const run = await runProbe(root);
    const doc = documentOf(run.stdout);
    // As a non-root probe sees a 0600 file of root's.
    doc.sshd.files[1] = { path: doc.sshd.files[1].path, error: 'not readable (permission denied)' };
    const f = parseProbeOutput(framed(doc), target).facts['host.sshd'];
    expect(f).toEqual({
      ok: false,
      reason:
        'the sshd configuration could not be read completely (/etc/ssh/sshd_config.d/50-cloud-init.conf: not readable (permission denied)): run the probe as root',
    });
  });
});

describe('Probe: directories an unprivileged probe cannot list', () => {
  it('reports the PKI directory as unreadable instead of "no keys, no certificates"', async () => {
    const root = makeRoot('node-a', {
      'etc/kubernetes/pki/ca.crt': 'x',
      'etc/kubernetes/pki/etcd/ca.key': { content: 'not a key', mode: 0o600 },
    });
    roots.push(root);
    chmodSync(dirname(root), 0o755);
    chmodSync(`${root}/etc/kubernetes/pki/etcd`, 0o700);
    // As root, run the probe as nobody (root can list anything); otherwise the test user is already unprivileged.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(`${root}/etc/kubernetes/pki/etcd`, 0o000);
    const run = await runProbe(
      root,
      asRoot ? { shell: '/usr/sbin/runuser', shellArgs: ['-u', 'nobody', '--', '/bin/sh'] } : {},
    );
    chmodSync(`${root}/etc/kubernetes/pki/etcd`, 0o700);
    const tf = parseProbeOutput(run.stdout, target);
    const files = tf.facts['host.files'];
    expect(files?.ok && files.value).toContainEqual({
      role: 'pki-key',
      path: '/etc/kubernetes/pki',
      error: 'the directory could not be listed completely',
    });
    const certs = tf.facts['host.certs'];
    expect(certs?.ok && certs.value).toContainEqual({
      path: '/etc/kubernetes/pki',
      error: 'the directory could not be listed completely',
    });
  });
});

describe('Probe: JSON string escaping', () => {
  it('writes raw bytes 0x01-0xff (except newline) as pure-ASCII JSON that decodes back to the same bytes', async () => {
    const root = makeRoot('bytes', { 'etc/ssh/sshd_config': '' });
    roots.push(root);
    const bytes = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1).filter((b) => b !== 0x0a));
    writeFileSync(
      `${root}/etc/ssh/sshd_config`,
      Buffer.concat([Buffer.from('Banner '), bytes, Buffer.from('\nPermitRootLogin no\n')]),
    );
    const run = await runProbe(root);
    expect(run.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    const doc = documentOf(run.stdout);
    const content: string = doc.sshd.files[0].content;
    expect(Buffer.from(content, 'latin1')).toEqual(
      Buffer.concat([Buffer.from('Banner '), bytes, Buffer.from('\nPermitRootLogin no')]),
    );
    // The bytes hold a lone double quote: sshd refuses such a line ("invalid quotes"), and so does the file parser.
    const f = parseProbeOutput(run.stdout, target).facts['host.sshd'];
    expect(f?.ok && f.value.validation).toMatchObject({ by: 'files', accepted: false });
    expect(f?.ok && f.value.validation?.message).toContain('/etc/ssh/sshd_config:1: unbalanced quotes');
  });

  it('decodes UTF-8 text (accents, emoji) back to the same string', async () => {
    const text = 'Banner "/etc/issue.d/café ☕ 🚀"\nPermitRootLogin no\n';
    const out = await probeOf({ 'etc/ssh/sshd_config': text });
    const doc = documentOf(out);
    expect(decodeBytes(doc.sshd.files[0].content)).toBe(text.trimEnd());
  });

  it('escapes quotes and backslashes in file names', async () => {
    const out = await probeOf({
      'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\n',
      'etc/ssh/sshd_config.d/we"ird\\name.conf': 'PermitRootLogin no\n',
    });
    const doc = documentOf(out);
    expect(doc.sshd.files.map((f: { path: string }) => f.path)).toEqual([
      '/etc/ssh/sshd_config',
      '/etc/ssh/sshd_config.d/we"ird\\name.conf',
    ]);
    const f = parseProbeOutput(out, target).facts['host.sshd'];
    expect(f?.ok && f.value.contexts[0].settings.permitrootlogin).toBe('no');
  });
});
