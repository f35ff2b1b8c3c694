import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { runProbe } from '../../src/collectors/host/local';
import { HOST_FACT_KEYS, parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { frameProbeDocument, splitProbeOutput } from '../../src/collectors/host/probe-output';
import type { Fact, TargetFacts } from '../../src/core/model';
import { makeRoot, workerNode } from './make-root';
import { pathWithout, probeWithPath } from './probe-env';

const target = { name: 'node-a', kind: 'host' as const };
let root = '';
let output = '';
beforeAll(async () => {
  root = makeRoot('node-a', workerNode().files);
  output = (await runProbe(root)).stdout;
});
afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

function reasons(tf: TargetFacts): string[] {
  return HOST_FACT_KEYS.map((k) => {
    const f = tf.facts[k] as Fact<unknown> | undefined;
    return f && !f.ok ? f.reason : 'ok';
  });
}
const allUnknown = (tf: TargetFacts, pattern: RegExp) => {
  const r = reasons(tf);
  expect(r).toHaveLength(HOST_FACT_KEYS.length);
  for (const x of r) expect(x).toMatch(pattern);
};

describe('probe.sh: the header line', () => {
  it('prints first the length and sha256 of the document that follows, identical under dash and bash', () => {
    const shells = ['/bin/dash', '/bin/bash', '/usr/bin/busybox'].filter((s) => existsSync(s));
    const outs = shells.map((s) =>
      probeWithPath(root, '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', s),
    );
    for (const o of outs) expect(o.stdout).toBe(outs[0].stdout);
    const [header, ...rest] = outs[0].stdout.split('\n');
    const document = rest.join('\n').replace(/\n$/, '');
    expect(document.startsWith('{"probe":"compliance-bot-host"')).toBe(true);
    const sha = createHash('sha256').update(Buffer.from(document, 'latin1')).digest('hex');
    expect(header).toBe(`compliance-bot-probe-output bytes=${Buffer.byteLength(document, 'latin1')} sha256=${sha}`);
    // The SSM API keeps the first 2,500 characters: the header is always among them.
    expect(header.length).toBeLessThan(200);
  });

  it('says sha256=none when neither sha256sum nor openssl is installed; the document is still checked by length', () => {
    const tools = pathWithout(['sha256sum', 'openssl']);
    try {
      const run = probeWithPath(root, tools.path);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')[0]).toMatch(/^compliance-bot-probe-output bytes=\d+ sha256=none$/);
      // A pipe from the probe needs no digest: the local collector reads it.
      const tf = parseProbeOutput(Buffer.from(run.stdout, 'latin1'), target);
      expect(tf.facts['host.sshd']?.ok).toBe(true);
      const longer = run.stdout.replace('"live":false', '"live": false');
      allUnknown(parseProbeOutput(longer, target), /unexpected bytes after its document/);
    } finally {
      tools.remove();
    }
  });
});

describe('probe.sh: no private temporary directory', () => {
  it('refuses to fall back to a predictable path without mktemp: valid output, every fact unknown with the reason', () => {
    const tools = pathWithout(['mktemp']);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('compliance-bot-probe'));
    try {
      const run = probeWithPath(root, tools.path);
      expect(run.code).toBe(0);
      const tf = parseProbeOutput(Buffer.from(run.stdout, 'latin1'), target);
      allUnknown(tf, /^the host probe failed: no private temporary directory \(mktemp is not installed\)/);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith('compliance-bot-probe'))).toEqual(before);
    } finally {
      tools.remove();
    }
  });
});

describe('Function: parseProbeOutput (header)', () => {
  it('reads the document when it matches its header', () => {
    expect(reasons(parseProbeOutput(output, target)).every((r) => r === 'ok')).toBe(true);
    // Without its final newline too (a copy may be trimmed).
    expect(reasons(parseProbeOutput(output.trimEnd(), target)).every((r) => r === 'ok')).toBe(true);
  });

  it('makes every fact unknown when the document was changed, even at the same length', () => {
    const doc = output.slice(output.indexOf('\n') + 1);
    expect(doc).toContain('PermitRootLogin no');
    const tampered = output.replace('PermitRootLogin no', 'PermitRootLogin on');
    allUnknown(parseProbeOutput(tampered, target), /^the host probe output does not match its header \(.*sha256/);
    const longer = output.replace('PermitRootLogin no', 'PermitRootLogin yes');
    allUnknown(parseProbeOutput(longer, target), /does not match its header/);
  });

  it('makes every fact unknown without the header line (a document alone, or the header cut off)', () => {
    const doc = output.slice(output.indexOf('\n') + 1);
    allUnknown(
      parseProbeOutput(doc, target),
      /^the host probe output is not a probe document \(no "compliance-bot-probe-output" header line: a probe older than this collector\? redeploy/,
    );
    allUnknown(
      parseProbeOutput(output.slice(0, 40), target),
      /^the host probe output is truncated \(inside its header line\)$/,
    );
    allUnknown(parseProbeOutput(output.slice(3), target), /not a probe document/);
  });

  it('makes every fact unknown when the document is shorter than its header says (SSM truncation)', () => {
    allUnknown(
      parseProbeOutput(output.slice(0, 2500), target),
      /^the host probe output is truncated \(\d+ of \d+ bytes\)$/,
    );
  });

  it('refuses anything but white space after the document', () => {
    allUnknown(
      parseProbeOutput(`${output}{"probe":"compliance-bot-host"}\n`, target),
      /unexpected bytes after its document/,
    );
  });

  it('frames a generated document as the probe does', () => {
    const doc = output.slice(output.indexOf('\n') + 1).replace(/\n$/, '');
    expect(frameProbeDocument(doc)).toBe(output);
    const split = splitProbeOutput(frameProbeDocument(doc, { sha256: false }));
    expect(split.ok && split.header.sha256).toBeNull();
  });
});
