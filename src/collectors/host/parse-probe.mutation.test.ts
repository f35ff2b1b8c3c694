/**
 * The probe-output parser on hand-written documents: every fact's value or reason pinned whole, so that a change to
 * any rule of the parser (a message, a boundary, a default) changes an asserted value. The probe itself is exercised
 * in test/host; these tests need no shell.
 */
import { createHash } from 'node:crypto';
import type { HostKubelet, HostSshd } from '../../core/facts/host';
import type { Fact, TargetFacts } from '../../core/model';
import {
  daemonRefusal,
  decodeBytes,
  HOST_FACT_KEYS,
  PROBE_NAME,
  PROBE_VERSION,
  parseProbeDocument,
  parseProbeOutput,
  probeFailure,
  sanitiseDaemonMessage,
} from './parse-probe';
import { documentMismatch, frameProbeDocument, OUTPUT_HEADER_NAME, splitProbeOutput } from './probe-output';
import * as sshdConfig from './sshd/config';
import { FILE_VALIDATION_SCOPE } from './sshd/config';

const target = { name: 'node-a', kind: 'host' as const };
const MAIN = '/etc/ssh/sshd_config';
const ROOT_SPEC = 'user=root,host=probe.invalid,addr=192.0.2.10';
const ANY_SPEC = 'user=compliance-probe,host=probe.invalid,addr=192.0.2.10';

type Doc = Record<string, unknown> & {
  os: Record<string, unknown>;
  sshd: Record<string, unknown> & { files: Record<string, unknown>[]; specs: Record<string, unknown>[] };
  accounts: Record<string, unknown>;
  kubelet: Record<string, unknown>;
  staticPods: Record<string, unknown>;
};

/** A complete probe document of a host root: every section present and well-formed. */
function baseDoc(): Doc {
  return {
    probe: PROBE_NAME,
    version: 1,
    root: '/host',
    live: false,
    os: { osRelease: 'ID=ubuntu\n', hostname: 'node-a' },
    sshd: {
      config: MAIN,
      files: [{ path: MAIN, content: 'PermitRootLogin no\n' }],
      unmatchedIncludes: [],
      specs: [
        { spec: ROOT_SPEC, match: '(root)', groups: 'root' },
        { spec: ANY_SPEC, match: '(any user)', groups: '' },
      ],
      tError: 'sshd -T is not run under a host root: the files are parsed instead',
    },
    accounts: { passwd: 'root:0:0\n', shadow: 'root:locked\n' },
    kubelet: { process: false },
    files: [],
    certs: [],
    staticPods: { dir: false, pods: [] },
    end: true,
  };
}

const parse = (doc: unknown) => parseProbeDocument(JSON.stringify(doc), target);
const fact = <T>(tf: TargetFacts, key: string) => tf.facts[key as keyof typeof tf.facts] as Fact<T> | undefined;
const factValue = <T>(tf: TargetFacts, key: string): T => {
  const f = fact<T>(tf, key);
  if (!f?.ok) throw new Error(`${key} is not ok: ${f ? f.reason : 'absent'}`);
  return f.value;
};
const reasonOf = (tf: TargetFacts, key: string): string => {
  const f = fact<unknown>(tf, key);
  if (!f || f.ok) throw new Error(`${key} is ok`);
  return f.reason;
};
const sshdOf = (doc: unknown) => factValue<HostSshd>(parse(doc), 'host.sshd');
const kubeletOf = (kubelet: Record<string, unknown>, live = false) =>
  factValue<HostKubelet>(parse({ ...baseDoc(), live, kubelet }), 'host.kubelet');
/** A YAML document whose aliases expand to 10^6 nodes: the parser refuses it without a position. */
const aliasBomb = () =>
  Array.from({ length: 6 }, (_, i) =>
    i === 0
      ? 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]'
      : `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
  ).join('\n');
/** Every fact unknown with one reason. */
const allUnknown = (reason: string) => probeFailure(target, reason);

describe('Function: probeFailure', () => {
  it('makes every host fact unknown with the reason, for the target given', () => {
    expect(HOST_FACT_KEYS).toEqual([
      'host.os',
      'host.sshd',
      'host.accounts',
      'host.kubelet',
      'host.files',
      'host.certs',
      'host.staticPods',
      'host.kubeProxy',
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
    ]);
    const tf = probeFailure(target, 'why');
    expect(tf.target).toBe(target);
    expect(tf.facts).toEqual(Object.fromEntries(HOST_FACT_KEYS.map((k) => [k, { ok: false, reason: 'why' }])));
  });
});

describe('Function: decodeBytes', () => {
  it('leaves pure ASCII as it is', () => {
    expect(decodeBytes('abc\n\u007f')).toBe('abc\n\u007f');
  });

  it('reads bytes written as code points up to 0xff as UTF-8', () => {
    expect(decodeBytes('caf\u00c3\u00a9')).toBe('café');
    expect(decodeBytes('\u00ff')).toBe('\ufffd');
  });

  it('leaves a string holding a code point above 0xff as it is (already decoded)', () => {
    expect(decodeBytes('caf\u00c3\u00a9 \u0100')).toBe('caf\u00c3\u00a9 \u0100');
    expect(decodeBytes('\u0100')).toBe('\u0100');
  });
});

describe('Function: parseProbeOutput', () => {
  const doc = JSON.stringify(baseDoc());

  it('parses a framed document whose header matches', () => {
    expect(parseProbeOutput(frameProbeDocument(doc), target)).toEqual(parse(baseDoc()));
  });

  it('makes every fact unknown when the framing is unusable, with the framing reason', () => {
    expect(parseProbeOutput('', target)).toEqual(allUnknown('the host probe printed nothing'));
  });

  it('counts the bytes of a truncated document, a multi-byte character as its bytes', () => {
    const framed = frameProbeDocument(`${doc.slice(0, -1)},"x":"é"}`);
    const cut = framed.slice(0, framed.indexOf('\n') + 11);
    const total = Buffer.byteLength(`${doc.slice(0, -1)},"x":"é"}`, 'utf8');
    expect(parseProbeOutput(cut, target)).toEqual(
      allUnknown(`the host probe output is truncated (10 of ${total} bytes)`),
    );
    const withAccent = framed.slice(0, framed.indexOf('é') + 1);
    const before = Buffer.byteLength(withAccent, 'utf8') - framed.indexOf('\n') - 1;
    expect(parseProbeOutput(withAccent, target)).toEqual(
      allUnknown(`the host probe output is truncated (${before} of ${total} bytes)`),
    );
  });

  it('refuses a document whose digest differs from the header, naming the difference', () => {
    const framed = frameProbeDocument(doc).replace('"live":false', '"live":fals3');
    expect(parseProbeOutput(framed, target)).toEqual(
      allUnknown("the host probe output does not match its header (the document's sha256 differs from the header's)"),
    );
  });

  it('accepts white space after the document, and counts the bytes of anything else', () => {
    expect(parseProbeOutput(`${frameProbeDocument(doc)} \t\n\n`, target)).toEqual(parse(baseDoc()));
    expect(parseProbeOutput(`${frameProbeDocument(doc)}xé\n`, target)).toEqual(
      allUnknown('the host probe output has 4 unexpected bytes after its document'),
    );
  });
});

describe('Function: parseProbeDocument: the document as a whole', () => {
  it('says the probe printed nothing for white space only', () => {
    expect(parseProbeDocument(' \n\t', target)).toEqual(allUnknown('the host probe printed nothing'));
  });

  it('reads a document with white space around it', () => {
    expect(parseProbeDocument(`\n ${JSON.stringify(baseDoc())} \n`, target)).toEqual(parse(baseDoc()));
  });

  it('calls a cut probe document truncated, with its length in characters', () => {
    const text = `{"probe":"${PROBE_NAME}","version":1,"os":{`;
    expect(parseProbeDocument(`  ${text}\n`, target)).toEqual(
      allUnknown(`the host probe output is truncated (${text.length} characters, no end marker)`),
    );
  });

  it('quotes the first 40 characters of anything else that is not JSON', () => {
    const text = `{"probe":"other","x":"${'y'.repeat(60)}`;
    expect(parseProbeDocument(text, target)).toEqual(
      allUnknown(`the host probe output is not a probe document (starts with ${JSON.stringify(text.slice(0, 40))})`),
    );
  });

  it('names at most three problems of a header, by path, "(root)" for the document itself', () => {
    expect(parseProbeDocument('[]', target)).toEqual(
      allUnknown(
        'the host probe output is not a probe document ((root): Invalid input: expected object, received array)',
      ),
    );
    const four = { probe: 'x', version: 'one', root: 1, live: 'yes', error: 3 };
    expect(parse(four)).toEqual(
      allUnknown(
        `the host probe output is not a probe document (probe: Invalid input: expected "${PROBE_NAME}"; version: Invalid input: expected number, received string; root: Invalid input: expected string, received number)`,
      ),
    );
  });

  it('refuses a version 0 and accepts the version it understands', () => {
    expect(PROBE_VERSION).toBe(1);
    expect(reasonOf(parse({ ...baseDoc(), version: 0 }), 'host.os')).toBe(
      'the host probe output is not a probe document (version: Too small: expected number to be >0)',
    );
    expect(fact(parse({ ...baseDoc(), version: 1 }), 'host.os')?.ok).toBe(true);
  });

  it('says to upgrade for a newer version', () => {
    expect(parse({ ...baseDoc(), version: 2 })).toEqual(
      allUnknown('the host probe reports version 2, newer than this collector understands (1): upgrade compliance-bot'),
    );
  });

  it("gives the probe's own error, before looking for the end marker", () => {
    const { end: _end, ...rest } = baseDoc();
    expect(parse({ ...rest, error: 'host root is not a directory' })).toEqual(
      allUnknown('the host probe failed: host root is not a directory'),
    );
  });

  it('calls a document without "end": true truncated', () => {
    const { end: _end, ...rest } = baseDoc();
    expect(parse(rest)).toEqual(allUnknown('the host probe output is truncated (no end marker)'));
    expect(reasonOf(parse({ ...baseDoc(), end: false }), 'host.os')).toMatch(/^the host probe output is not a probe/);
  });
});

describe('Function: parseProbeDocument: sections', () => {
  it('names a missing section, and loses only its fact', () => {
    const { certs: _certs, ...rest } = baseDoc();
    const tf = parse(rest);
    expect(tf.facts['host.certs']).toEqual({ ok: false, reason: 'the host probe output has no "certs" section' });
    expect(tf.facts['host.os']?.ok).toBe(true);
    expect(tf.target).toBe(target);
  });

  it('names each missing section by its name in the document', () => {
    const extra = [
      'kubeProxy',
      'sshFiles',
      'sudo',
      'pam',
      'sysctl',
      'modules',
      'audit',
      'services',
      'mac',
      'limits',
      'updates',
      'runtime',
    ];
    const tf = parse({ probe: PROBE_NAME, version: 1, end: true });
    expect(HOST_FACT_KEYS.map((k) => reasonOf(tf, k))).toEqual(
      ['os', 'sshd', 'accounts', 'kubelet', 'files', 'certs', 'staticPods', ...extra].map(
        (s) => `the host probe output has no "${s}" section`,
      ),
    );
  });

  it('names the first three problems of a malformed section', () => {
    const tf = parse({ ...baseDoc(), os: { hostname: 1, kernel: 2, osRelease: 3, osReleaseError: 4 } });
    expect(reasonOf(tf, 'host.os')).toBe(
      `the host probe's "os" section is malformed (osRelease: Invalid input: expected string, received number; osReleaseError: Invalid input: expected string, received number; kernel: Invalid input: expected string, received number)`,
    );
    expect(
      reasonOf(parse({ ...baseDoc(), files: [{ role: 'kubeconfig', path: '/k', mode: '0649' }] }), 'host.files'),
    ).toBe(`the host probe's "files" section is malformed (0.mode: Invalid string: must match pattern /^[0-7]{1,4}$/)`);
  });

  it('says a section that could not be built could not be read, with the reason, and keeps the others', () => {
    const spy = jest.spyOn(sshdConfig, 'evaluateFiles').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const tf = parse(baseDoc());
      expect(reasonOf(tf, 'host.sshd')).toBe(`the host probe's "sshd" section could not be read: boom`);
      expect(fact(tf, 'host.os')?.ok).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('reads the files section, decoding the paths', () => {
    const files = [
      { role: 'kubeconfig', path: '/etc/caf\u00c3\u00a9', mode: '600', uid: 0, gid: 0 },
      { role: 'pki-key', path: '/k', error: 'not readable' },
    ];
    expect(factValue(parse({ ...baseDoc(), files }), 'host.files')).toEqual([
      { role: 'kubeconfig', path: '/etc/café', mode: '600', uid: 0, gid: 0 },
      { role: 'pki-key', path: '/k', error: 'not readable' },
    ]);
  });

  it('refuses a file mode that is not octal, and negative owners', () => {
    for (const bad of [{ mode: '8' }, { mode: '07555' }, { mode: '' }, { uid: -1 }, { gid: 1.5 }, { role: 'x' }]) {
      expect(fact(parse({ ...baseDoc(), files: [{ role: 'kubeconfig', path: '/k', ...bad }] }), 'host.files')?.ok).toBe(
        false,
      );
    }
    expect(
      factValue(parse({ ...baseDoc(), files: [{ role: 'kubeconfig', path: '/k', mode: '7' }] }), 'host.files'),
    ).toEqual([{ role: 'kubeconfig', path: '/k', mode: '7' }]);
  });
});

describe('Section: os', () => {
  const osOf = (os: Record<string, unknown>) => parse({ ...baseDoc(), os });

  it('reads ID, VERSION_ID and PRETTY_NAME, unquoting double or single quotes, and the kernel', () => {
    const tf = osOf({
      osRelease: 'NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\nPRETTY_NAME=\'Ubuntu 22.04 LTS\'\n',
      kernel: '6.1.0',
      hostname: 'n\u00c3\u00a9',
    });
    expect(factValue(tf, 'host.os')).toEqual({
      id: 'ubuntu',
      versionId: '22.04',
      prettyName: 'Ubuntu 22.04 LTS',
      kernel: '6.1.0',
      hostname: 'né',
    });
  });

  it('leaves unmatched quotes, and lines that are not KEY=value', () => {
    const tf = osOf({ osRelease: 'ID="ubuntu\nVERSION_ID=\'1"\nx PRETTY_NAME=no\nid=lower\n', hostname: 'h' });
    expect(factValue(tf, 'host.os')).toEqual({ id: '"ubuntu', versionId: '\'1"', hostname: 'h' });
  });

  it('unquotes only a value quoted at both ends', () => {
    const tf = osOf({ osRelease: `ID=x"a"\nVERSION_ID="a"b\nPRETTY_NAME=x'a'\nX=1\n`, kernel: "'k'b", hostname: 'h' });
    expect(factValue(tf, 'host.os')).toEqual({
      id: 'x"a"',
      versionId: '"a"b',
      prettyName: "x'a'",
      kernel: "'k'b",
      hostname: 'h',
    });
    const single = osOf({ osRelease: `ID='a'b\nVERSION_ID=''\nPRETTY_NAME=""\n`, hostname: 'h' });
    expect(factValue(single, 'host.os')).toEqual({ id: "'a'b", hostname: 'h' });
  });

  it('reads an os-release written with Windows line ends, as systemd does', () => {
    const tf = osOf({ osRelease: 'ID=ubuntu\r\nVERSION_ID="24.04"\r\n', hostname: 'h' });
    expect(factValue(tf, 'host.os')).toEqual({ id: 'ubuntu', versionId: '24.04', hostname: 'h' });
  });

  it('keeps the quotes inside a quoted value', () => {
    const tf = osOf({ osRelease: 'ID="a"b"\nVERSION_ID=x"\n', hostname: 'h' });
    expect(factValue(tf, 'host.os')).toEqual({ id: 'a"b', versionId: 'x"', hostname: 'h' });
  });

  it('says "unknown" for a missing ID and leaves empty fields out', () => {
    expect(
      factValue(osOf({ osRelease: 'VERSION_ID=\nPRETTY_NAME=""\n', kernel: '', hostname: 'h' }), 'host.os'),
    ).toEqual({
      id: 'unknown',
      hostname: 'h',
    });
  });

  it('gives the reason the os-release file was not read', () => {
    expect(reasonOf(osOf({ osReleaseError: '/etc/os-release: not readable', hostname: 'h' }), 'host.os')).toBe(
      '/etc/os-release: not readable',
    );
    expect(reasonOf(osOf({ hostname: 'h' }), 'host.os')).toBe('no os-release');
  });
});

describe('Section: accounts', () => {
  const accountsOf = (accounts: Record<string, unknown>) => parse({ ...baseDoc(), accounts });

  it('reads each account with its uid and password state, never more', () => {
    const tf = accountsOf({
      passwd: 'root:0:0\ndaemon:1:1\nbob:1000:1000\nweird:2:2\nnew:3',
      shadow: 'root:locked\ndaemon:empty\nbob:set\nweird:$6$hash\n',
    });
    expect(factValue(tf, 'host.accounts')).toEqual({
      accounts: [
        { name: 'root', uid: 0, password: 'locked' },
        { name: 'daemon', uid: 1, password: 'empty' },
        { name: 'bob', uid: 1000, password: 'set' },
        { name: 'weird', uid: 2, password: 'unknown' },
        { name: 'new', uid: 3, password: 'unknown' },
      ],
      shadowReadable: true,
    });
  });

  it('skips passwd lines without a name or a numeric uid', () => {
    const tf = accountsOf({ passwd: ':0:0\nroot\nbad:1a:0\nneg:-1:0\nsp: 1:0\nok:7:0\n', shadow: '' });
    expect(factValue<{ accounts: unknown[] }>(tf, 'host.accounts').accounts).toEqual([
      { name: 'ok', uid: 7, password: 'unknown' },
    ]);
  });

  it('reads a shadow line as name, colon, state, and ignores a line without a name before its colon', () => {
    const tf = accountsOf({ passwd: 'a:1:0\nse:2:0\nc:3:0\n', shadow: 'a:b:set\nset\n:locked\nc\n' });
    expect(factValue<{ accounts: unknown[] }>(tf, 'host.accounts').accounts).toEqual([
      { name: 'a', uid: 1, password: 'unknown' },
      { name: 'se', uid: 2, password: 'unknown' },
      { name: 'c', uid: 3, password: 'unknown' },
    ]);
  });

  it('decodes the bytes of both files', () => {
    const tf = accountsOf({ passwd: 'jos\u00c3\u00a9:5:0\n', shadow: 'jos\u00c3\u00a9:set\n' });
    expect(factValue<{ accounts: unknown[] }>(tf, 'host.accounts').accounts).toEqual([
      { name: 'josé', uid: 5, password: 'set' },
    ]);
  });

  it('keeps the accounts with unknown passwords when shadow was not read, with the reason', () => {
    expect(
      factValue(accountsOf({ passwd: 'root:0:0\n', shadowError: '/etc/shadow does not exist' }), 'host.accounts'),
    ).toEqual({
      accounts: [{ name: 'root', uid: 0, password: 'unknown' }],
      shadowReadable: false,
      shadowError: '/etc/shadow does not exist',
    });
    expect(factValue(accountsOf({ passwd: '' }), 'host.accounts')).toEqual({
      accounts: [],
      shadowReadable: false,
      shadowError: '/etc/shadow was not read',
    });
  });

  it('gives no accounts without passwd, with the reason', () => {
    expect(reasonOf(accountsOf({ passwdError: '/etc/passwd is missing or not readable' }), 'host.accounts')).toBe(
      '/etc/passwd is missing or not readable',
    );
    expect(reasonOf(accountsOf({ shadow: 'root:set' }), 'host.accounts')).toBe('/etc/passwd was not read');
  });
});

describe('Section: certs', () => {
  it('reads the expiry as an ISO date, decodes path and subject, and says why a date is missing', () => {
    const certs = [
      { path: '/p/caf\u00c3\u00a9.crt', subject: 'CN=caf\u00c3\u00a9', notAfter: 'Jan  2 03:04:05 2030 GMT' },
      { path: '/p/b.crt', notAfter: 'never' },
      { path: '/p/c.crt', subject: '' },
      { path: '/p/d.crt', error: 'not a certificate', notAfter: 'Jan  2 03:04:05 2030 GMT', subject: 'CN=d' },
      { path: '/p/e.crt', notAfter: '' },
    ];
    expect(factValue(parse({ ...baseDoc(), certs }), 'host.certs')).toEqual([
      { path: '/p/café.crt', subject: 'CN=café', notAfter: '2030-01-02T03:04:05.000Z' },
      { path: '/p/b.crt', error: 'unreadable expiry date "never"' },
      { path: '/p/c.crt', error: 'no expiry date' },
      { path: '/p/d.crt', subject: 'CN=d', error: 'not a certificate' },
      { path: '/p/e.crt', error: 'no expiry date' },
    ]);
  });
});

describe('Section: staticPods', () => {
  const podsOf = (staticPods: Record<string, unknown>) => parse({ ...baseDoc(), staticPods });

  it('keeps only the names and command lines of the containers', () => {
    const content = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: kube-apiserver, namespace: kube-system}',
      'spec:',
      '  containers:',
      '  - name: api',
      '    command: [kube-apiserver, --a=1]',
      '    args: [--b, 2, {x: 1}, null]',
      '    env: [{name: SECRET, value: s3cr3t}]',
      '  - name: {odd: 1}',
      '  - command: --c',
      '    args: [--d]',
    ].join('\n');
    expect(
      factValue(podsOf({ dir: true, pods: [{ path: '/m/a\u00c3\u00a9.yaml', content }] }), 'host.staticPods'),
    ).toEqual([
      {
        path: '/m/aé.yaml',
        name: 'kube-apiserver',
        containers: [
          {
            name: 'api',
            command: ['kube-apiserver', '--a=1', '--b', '2', '{"x":1}', 'null'],
            flags: { a: '1', b: '2' },
          },
          { name: '{"odd":1}', command: [], flags: {} },
          { name: '', command: ['--d'], flags: { d: 'true' } },
        ],
      },
    ]);
  });

  it('gives no name for a non-string name, and no containers without a spec', () => {
    expect(
      factValue(podsOf({ dir: true, pods: [{ path: '/m/a', content: 'metadata: {name: 3}\n' }] }), 'host.staticPods'),
    ).toEqual([{ path: '/m/a', containers: [] }]);
    expect(factValue(podsOf({ dir: true, pods: [{ path: '/m/a', content: '' }] }), 'host.staticPods')).toEqual([
      { path: '/m/a', containers: [] },
    ]);
    expect(
      factValue(
        podsOf({ dir: true, pods: [{ path: '/m/a', content: 'spec: {containers: [null]}' }] }),
        'host.staticPods',
      ),
    ).toEqual([{ path: '/m/a', containers: [{ name: '', command: [], flags: {} }] }]);
  });

  it('says why a manifest could not be read or parsed, by position, without quoting it', () => {
    const pods = [
      { path: '/m/a', error: 'not readable' },
      { path: '/m/b' },
      { path: '/m/c', content: 'metadata:\n  name: [secret-value\n' },
    ];
    const got = factValue<{ error?: string }[]>(podsOf({ dir: true, pods }), 'host.staticPods');
    expect(got.slice(0, 2)).toEqual([
      { path: '/m/a', containers: [], error: 'not readable' },
      { path: '/m/b', containers: [], error: 'not read' },
    ]);
    expect(got[2].error).toMatch(/^not valid YAML at line \d+, column \d+: [A-Za-z]/);
    expect(got[2].error).not.toContain('secret');
  });

  it('refuses a manifest that expands aliases without end, with the reason and no position', () => {
    const pods = [{ path: '/m/bomb', content: aliasBomb() }];
    expect(factValue(podsOf({ dir: true, pods }), 'host.staticPods')).toEqual([
      {
        path: '/m/bomb',
        containers: [],
        error: 'not valid YAML: Excessive alias count indicates a resource exhaustion attack',
      },
    ]);
  });

  it('makes the static Pods unknown when their folder could not be listed', () => {
    expect(reasonOf(podsOf({ dir: true, error: 'x: permission denied', pods: [] }), 'host.staticPods')).toBe(
      'the static Pod folder could not be read: x: permission denied',
    );
    expect(factValue(podsOf({ dir: true, error: '', pods: [] }), 'host.staticPods')).toEqual([]);
  });
});

describe('Function: sanitiseDaemonMessage', () => {
  it('keeps the first three non-blank lines, trimmed, joined by " / "', () => {
    expect(sanitiseDaemonMessage('  a  \r\n\n b\nc\nd\n')).toBe('a / b / c');
  });

  it('replaces anything outside printable ASCII by "?", after decoding the bytes', () => {
    expect(sanitiseDaemonMessage('caf\u00c3\u00a9\tx\u007f~ ')).toBe('caf??x?~');
  });

  it('cuts a line longer than 200 characters', () => {
    expect(sanitiseDaemonMessage('x'.repeat(200))).toBe('x'.repeat(200));
    expect(sanitiseDaemonMessage('x'.repeat(201))).toBe(`${'x'.repeat(200)}...`);
  });
});

describe('Function: daemonRefusal', () => {
  const binary = '/usr/sbin/sshd';

  it('is null when no sshd binary ran', () => {
    expect(daemonRefusal({ t: [{ error: 'sshd -T -C failed: line 3: Bad configuration option' }] })).toBeNull();
  });

  it('takes a global failure only when there is no per-spec output at all', () => {
    const tError = 'sshd -T failed: /etc/ssh/sshd_config line 3: unsupported option "maybe".';
    expect(daemonRefusal({ binary, tError })).toBe('/etc/ssh/sshd_config line 3: unsupported option "maybe".');
    expect(daemonRefusal({ binary, tError, t: [] })).toBeNull();
    expect(daemonRefusal({ binary, tError, t: [{}] })).toBeNull();
  });

  it("recognises sshd's words for a configuration error, and strips the probe's prefix", () => {
    const refused = (error: string) => daemonRefusal({ binary, t: [{ error: 'sshd -T -C failed: x' }, { error }] });
    expect(refused('sshd -T -C failed: /f line 12: Bad configuration option: Foo')).toBe(
      '/f line 12: Bad configuration option: Foo',
    );
    expect(refused('sshd -T failed: /f: terminating, 2 bad configuration options')).toBe(
      '/f: terminating, 2 bad configuration options',
    );
    expect(refused('BAD CONFIGURATION OPTION x')).toBe('BAD CONFIGURATION OPTION x');
    expect(refused('Unsupported option x')).toBe('Unsupported option x');
    expect(refused('x sshd -T failed: line 1: y')).toBe('x sshd -T failed: line 1: y');
  });

  it('is null for a failure that says nothing about the configuration', () => {
    for (const error of [
      'sshd -T failed: Missing privilege separation directory: /run/sshd',
      'sshd -T failed: baseline 3: x',
      'sshd -T failed: line x: y',
      'sshd -T failed: terminating, bad configuration',
    ])
      expect(daemonRefusal({ binary, t: [{ error }] })).toBeNull();
  });

  it('sanitises the message', () => {
    expect(daemonRefusal({ binary, t: [{ error: `line 1: a\u0001\n\nb\nc\nd` }] })).toBe('line 1: a? / b / c');
  });
});

describe('Section: kubelet', () => {
  it('is absent without a process, a configuration file or systemd units; the note says whether processes were visible', () => {
    expect(kubeletOf({ process: false })).toEqual({
      present: false,
      flags: null,
      config: null,
      flagsNote: 'the kubelet process is not visible',
    });
    expect(kubeletOf({ process: false }, true)).toEqual({
      present: false,
      flags: null,
      config: null,
      flagsNote: 'no kubelet process is running',
    });
    expect(kubeletOf({ process: true, argsError: '/proc/1/cmdline: not readable' })).toEqual({
      present: true,
      flags: null,
      config: null,
      flagsNote: '/proc/1/cmdline: not readable',
    });
  });

  it("reads a running process's flags, after its program name", () => {
    expect(kubeletOf({ process: true, args: '/usr/bin/kubelet\n--a=1\n--b\nv\n--c=caf\u00c3\u00a9' })).toEqual({
      present: true,
      flags: { a: '1', b: 'v', c: 'café' },
      config: null,
    });
  });

  it('reads the flags the systemd units pass, naming the units, when the process is not visible', () => {
    expect(
      kubeletOf({
        process: false,
        argsSource: 'systemd',
        units: '/u/k\u00c3\u00a9.service',
        args: '/usr/bin/kubelet\n--x=y',
      }),
    ).toEqual({
      present: true,
      flags: { x: 'y' },
      flagsNote: 'flags as the systemd units pass them (/u/ké.service): the process is not visible',
      config: null,
    });
    expect(kubeletOf({ process: false, argsSource: 'systemd', args: 'kubelet' }).flagsNote).toBe(
      'flags as the systemd units pass them (): the process is not visible',
    );
  });

  it('knows no configuration when the systemd units could not be read', () => {
    expect(kubeletOf({ process: false, argsSource: 'systemd', argsError: 'units: not readable' })).toEqual({
      present: true,
      flags: null,
      flagsNote: 'units: not readable',
      config: null,
      configPath: 'the kubelet configuration',
      configError: 'units: not readable',
    });
    expect(kubeletOf({ process: false, argsSource: 'systemd', configPath: '/c.yaml', config: 'a: 1' })).toEqual({
      present: true,
      flags: null,
      flagsNote: 'the kubelet process is not visible',
      config: null,
      configPath: '/c.yaml',
      configError: 'the systemd units could not be read',
    });
  });

  it('parses the configuration file, YAML or JSON, decoding its bytes', () => {
    expect(
      kubeletOf({
        process: false,
        configPath: '/var/lib/kubelet/caf\u00c3\u00a9.yaml',
        config: 'a: caf\u00c3\u00a9\nb: {c: 1}',
      }),
    ).toEqual({
      present: true,
      flags: null,
      flagsNote: 'the kubelet process is not visible',
      configPath: '/var/lib/kubelet/café.yaml',
      config: { a: 'café', b: { c: 1 } },
    });
  });

  it('says why the configuration file is not usable', () => {
    const errorOf = (extra: Record<string, unknown>) => kubeletOf({ process: true, configPath: '/c', ...extra });
    expect(errorOf({ configError: 'not readable' })).toMatchObject({ config: null, configError: 'not readable' });
    expect(errorOf({})).toMatchObject({ config: null, configError: 'not read' });
    for (const config of ['- a\n- b', '3', '', 'null'])
      expect(errorOf({ config })).toMatchObject({ config: null, configError: 'not a KubeletConfiguration object' });
    const bad = errorOf({ config: 'a: [secret-token\n' });
    expect(bad.config).toBeNull();
    expect(bad.configError).toMatch(/^not valid YAML or JSON at line \d+, column \d+: [A-Za-z]/);
    expect(bad.configError).not.toContain('secret');
  });

  it('refuses a configuration that expands aliases without end, with the reason and no position', () => {
    expect(kubeletOf({ process: true, configPath: '/c', config: aliasBomb() })).toMatchObject({
      config: null,
      configError: 'not valid YAML or JSON: Excessive alias count indicates a resource exhaustion attack',
    });
  });

  it('merges the drop-ins over the file, field by field, in order', () => {
    expect(
      kubeletOf({
        process: true,
        configPath: '/c',
        config: 'a: 1\nb: {x: 1, y: 1}',
        configDir: '/d',
        dropins: [
          { path: '/d/1\u00c3\u00a9.conf', content: 'b: {y: 2}\nc: 3' },
          { path: '/d/2.conf', content: 'c: 4' },
        ],
      }),
    ).toEqual({
      present: true,
      flags: null,
      flagsNote: 'the kubelet process is not visible',
      configPath: '/c',
      configDropins: ['/d/1é.conf', '/d/2.conf'],
      config: { a: 1, b: { x: 1, y: 2 }, c: 4 },
    });
  });

  it('names the drop-in folder as the configuration when there is no file and some drop-ins', () => {
    expect(
      kubeletOf({ process: true, configDir: '/d\u00c3\u00a9', dropins: [{ path: '/d/1.conf', content: 'a: 1' }] }),
    ).toEqual({
      present: true,
      flags: null,
      flagsNote: 'the kubelet process is not visible',
      configPath: '/dé',
      configDropins: ['/d/1.conf'],
      config: { a: 1 },
    });
    expect(kubeletOf({ process: true, configDir: '/d', dropins: [] })).toEqual({
      present: true,
      flags: null,
      flagsNote: 'the kubelet process is not visible',
      configDropins: [],
      config: null,
    });
    expect(kubeletOf({ process: true, configDir: '/d' })).toMatchObject({ configDropins: [], config: null });
    expect(kubeletOf({ process: true, configDir: '/d' })).not.toHaveProperty('configPath');
  });

  it('knows no configuration when a drop-in is unreadable or not an object, listing every problem', () => {
    const k = kubeletOf({
      process: true,
      configPath: '/c',
      config: 'a: 1',
      configDir: '/d',
      dropinsError: '/d: partly listed',
      dropins: [
        { path: '/d/1.conf', error: 'not readable' },
        { path: '/d/2.conf' },
        { path: '/d/3.conf', content: '- x' },
        { path: '/d/4.conf', content: 'a: 2' },
        { path: '/d/5.conf', content: '' },
      ],
    });
    expect(k.config).toBeNull();
    expect(k.configError).toBe(
      '/d: partly listed; /d/1.conf: not readable; /d/2.conf: not read; /d/3.conf: not a KubeletConfiguration object; /d/5.conf: not a KubeletConfiguration object',
    );
    const yaml = kubeletOf({ process: true, configDir: '/d', dropins: [{ path: '/d/1.conf', content: 'a: [tok' }] });
    expect(yaml.configError).toMatch(/^\/d\/1\.conf: not valid YAML or JSON at line \d+, column \d+: [A-Za-z]/);
  });

  it('keeps the error of the file first when a drop-in also fails, and gives no configuration for either alone', () => {
    const both = kubeletOf({
      process: true,
      configPath: '/c',
      configError: 'not readable',
      configDir: '/d',
      dropins: [{ path: '/d/1.conf', error: 'gone' }],
    });
    expect(both).toMatchObject({ config: null, configError: 'not readable; /d/1.conf: gone' });
    const fileOnly = kubeletOf({
      process: true,
      configPath: '/c',
      configError: 'not readable',
      configDir: '/d',
      dropins: [{ path: '/d/1.conf', content: 'a: 1' }],
    });
    expect(fileOnly).toMatchObject({ config: null, configError: 'not readable' });
  });
});

describe('Section: sshd, from the files', () => {
  const defaults = {
    permitrootlogin: 'prohibit-password',
    passwordauthentication: 'yes',
    kbdinteractiveauthentication: 'yes',
    permitemptypasswords: 'no',
    pubkeyauthentication: 'yes',
    maxauthtries: '6',
    hostbasedauthentication: 'no',
    ignorerhosts: 'yes',
    permituserenvironment: 'no',
    x11forwarding: 'no',
    usepam: 'no',
    logingracetime: '120',
    clientaliveinterval: '0',
    clientalivecountmax: '3',
    maxstartups: '10:30:100',
    maxsessions: '10',
    loglevel: 'info',
    allowtcpforwarding: 'yes',
    banner: 'none',
  };
  const HOST_ROOT_NOTE = 'sshd -T is not run under a host root: the files are parsed instead';
  const withSshd = (sshd: Record<string, unknown>) => ({ ...baseDoc(), sshd: { ...baseDoc().sshd, ...sshd } });

  it('evaluates the global context and every spec, labelled by its Match line, with the notes', () => {
    const doc = withSshd({
      config: '/etc/ssh/sshd_c\u00c3\u00a9',
      files: [
        { path: '/etc/ssh/sshd_c\u00c3\u00a9', content: 'PermitRootLogin no\nInclude /etc/ssh/d\u00c3\u00a9.conf\n' },
        { path: '/etc/ssh/d\u00c3\u00a9.conf', content: 'Match User alice\n  PasswordAuthentication no\n' },
      ],
      specs: [
        { spec: 'user=alice,host=h,addr=192.0.2.1', match: 'Match User alic\u00c3\u00a9', groups: 'staff,wheel' },
        { spec: ROOT_SPEC, match: '(root)', groups: '' },
      ],
    });
    expect(sshdOf(doc)).toEqual({
      source: 'files',
      files: ['/etc/ssh/sshd_cé', '/etc/ssh/dé.conf'],
      contexts: [
        { context: 'global', settings: { ...defaults, permitrootlogin: 'no' } },
        {
          context: 'user=alice,host=h,addr=192.0.2.1',
          user: 'alice',
          match: 'Match User alicé',
          settings: { ...defaults, permitrootlogin: 'no', passwordauthentication: 'no' },
        },
        { context: ROOT_SPEC, user: 'root', settings: { ...defaults, permitrootlogin: 'no' } },
      ],
      notes: [HOST_ROOT_NOTE],
      validation: { by: 'files', accepted: true, note: FILE_VALIDATION_SCOPE },
    });
  });

  it('gives the groups of a spec to Match Group, none for an empty list', () => {
    const doc = withSshd({
      files: [
        { path: MAIN, content: 'Match Group wheel\n  PermitRootLogin yes\nMatch Group ""\n  X11Forwarding yes\n' },
      ],
      specs: [
        { spec: 'user=a', match: '(a)', groups: 'staff,wheel' },
        { spec: 'user=b', match: '(b)', groups: '' },
      ],
    });
    const [, a, b] = sshdOf(doc).contexts;
    expect([a.settings.permitrootlogin, a.settings.x11forwarding]).toEqual(['yes', 'no']);
    expect([b.settings.permitrootlogin, b.settings.x11forwarding]).toEqual(['prohibit-password', 'no']);
  });

  it('notes a synthetic member of a group, and has no notes when there is nothing to say', () => {
    const doc = withSshd({
      files: [{ path: MAIN, content: 'Match Group corp\n  PermitRootLogin yes\n' }],
      specs: [{ spec: 'user=compliance-probe-group', match: 'Match Group corp', groups: 'corp', synthetic: true }],
    });
    delete (doc.sshd as Record<string, unknown>).tError;
    expect(sshdOf(doc)).toEqual({
      source: 'files',
      files: [MAIN],
      contexts: [
        { context: 'global', settings: defaults },
        {
          context: 'user=compliance-probe-group',
          user: 'compliance-probe-group',
          match: 'Match Group corp',
          note: 'no member of corp on this host (a directory group?): evaluated from the files for a member',
          settings: { ...defaults, permitrootlogin: 'yes' },
        },
      ],
      validation: { by: 'files', accepted: true, note: FILE_VALIDATION_SCOPE },
    });
  });

  it('adds the problems met reading the files once each, after the notes', () => {
    const doc = withSshd({
      files: [{ path: MAIN, content: 'PermitRootLogin no\nInclude /etc/ssh/x.conf\n' }, { path: '/etc/ssh/x.conf' }],
      specs: [{ spec: ROOT_SPEC, match: '(root)', groups: '' }],
      tError: undefined,
      binary: '/usr/sbin/sshd',
      t: [
        { spec: '', out: 'permitrootlogin no' },
        { spec: ROOT_SPEC, error: 'sshd -T -C failed: Missing privilege separation directory' },
      ],
    });
    const v = sshdOf(doc);
    expect(v.notes).toEqual([
      'sshd -T -C failed: Missing privilege separation directory',
      '/etc/ssh/x.conf: not readable',
    ]);
    expect(v.contexts.map((c) => c.settings.permitrootlogin)).toEqual(['no', 'no']);
  });

  it('leaves out a problem already named by a note for the same file', () => {
    const doc = withSshd({
      files: [{ path: MAIN, content: 'Include /etc/ssh/x.conf\n' }, { path: '/etc/ssh/x.conf' }],
      tError: '/etc/ssh/x.conf: gone',
    });
    expect(sshdOf(doc).notes).toEqual(['/etc/ssh/x.conf: gone']);
    const two = withSshd({
      files: [{ path: MAIN, content: 'Include /etc/ssh/x.conf\n' }, { path: '/etc/ssh/x.conf' }],
      tError: 'other: failed',
      binary: '/usr/sbin/sshd',
      t: [{ spec: '', error: '/etc/ssh/x.conf: gone' }],
    });
    expect(sshdOf(two).notes).toEqual(['other: failed', '/etc/ssh/x.conf: gone']);
  });

  it('refuses an Include loop, as sshd does', () => {
    const doc = withSshd({
      files: [
        { path: MAIN, content: 'Include /etc/ssh/loop.conf\n' },
        { path: '/etc/ssh/loop.conf', content: 'Include /etc/ssh/loop.conf\n' },
      ],
    });
    expect(sshdOf(doc).validation).toEqual({
      by: 'files',
      accepted: false,
      message: '/etc/ssh/loop.conf:1: Include nested too deeply',
      note: FILE_VALIDATION_SCOPE,
    });
  });

  it('names a failed spec run without a message by its spec', () => {
    const doc = withSshd({ tError: undefined, t: [{ spec: '', out: '' }, { spec: ROOT_SPEC }] });
    expect(sshdOf(doc)).toMatchObject({ source: 'files', notes: [`sshd -T -C ${ROOT_SPEC} failed`] });
  });

  it('refuses what sshd would refuse, naming at most three problems, with the notes', () => {
    const doc = withSshd({
      files: [
        {
          path: MAIN,
          content: 'PermitRootLogin maybe\nMaxAuthTries x\nUsePAM\nPasswordAuthentication 1\nMatch Colour blue\n',
        },
      ],
    });
    expect(sshdOf(doc)).toEqual({
      source: 'files',
      contexts: [],
      files: [MAIN],
      notes: [HOST_ROOT_NOTE],
      validation: {
        by: 'files',
        accepted: false,
        message: `${MAIN} line 1: unsupported option "maybe".; ${MAIN} line 2: maxauthtries integer value invalid.; ${MAIN} line 3: usepam missing argument.`,
        note: FILE_VALIDATION_SCOPE,
      },
    });
    const quiet = withSshd({ files: [{ path: MAIN, content: 'UsePAM maybe\n' }] });
    delete (quiet.sshd as Record<string, unknown>).tError;
    expect(sshdOf(quiet)).not.toHaveProperty('notes');
  });

  it('gives no view when an included file could not be read, saying to run as root for a permission problem', () => {
    const doc = withSshd({
      files: [
        { path: MAIN, content: 'Include /etc/ssh/d/*.conf\n' },
        { path: '/etc/ssh/d/caf\u00c3\u00a9.conf', error: 'not readable (permission denied)' },
        { path: '/etc/ssh/d/b.conf', error: 'no such file' },
      ],
    });
    expect(reasonOf(parse(doc), 'host.sshd')).toBe(
      'the sshd configuration could not be read completely (/etc/ssh/d/café.conf: not readable (permission denied); /etc/ssh/d/b.conf: no such file): run the probe as root',
    );
    const gone = withSshd({
      files: [
        { path: MAIN, content: '' },
        { path: '/etc/ssh/x', error: 'is a directory' },
      ],
    });
    expect(reasonOf(parse(gone), 'host.sshd')).toBe(
      'the sshd configuration could not be read completely (/etc/ssh/x: is a directory)',
    );
    const denied = withSshd({
      files: [
        { path: MAIN, content: '' },
        { path: '/etc/ssh/x', error: 'permission denied' },
      ],
    });
    expect(reasonOf(parse(denied), 'host.sshd')).toMatch(/\): run the probe as root$/);
  });

  it('says sshd is not installed when neither the binary nor the main file exists', () => {
    const doc = withSshd({ files: [{ path: MAIN, error: 'no such file' }], tError: 'no sshd binary found' });
    expect(reasonOf(parse(doc), 'host.sshd')).toBe(`sshd is not installed on this host (no sshd binary, no ${MAIN})`);
  });

  it('names the main file and why it was not read otherwise, with the notes', () => {
    const noFile = withSshd({
      files: [{ path: MAIN, error: 'no such file' }],
      binary: '/usr/sbin/sshd',
      tError: 'sshd -T failed: x',
    });
    expect(reasonOf(parse(noFile), 'host.sshd')).toBe(`${MAIN}: no such file (sshd -T failed: x)`);
    const denied = withSshd({ files: [{ path: MAIN, error: 'not readable (permission denied)' }], tError: undefined });
    expect(reasonOf(parse(denied), 'host.sshd')).toBe(`${MAIN}: not readable (permission denied)`);
    const silent = withSshd({ files: [{ path: MAIN }], tError: undefined });
    expect(reasonOf(parse(silent), 'host.sshd')).toBe(`${MAIN}: not readable`);
  });

  it('says there is no configuration when the main file was not listed at all', () => {
    expect(reasonOf(parse(withSshd({ files: [] })), 'host.sshd')).toBe(`no sshd configuration (${HOST_ROOT_NOTE})`);
    expect(reasonOf(parse(withSshd({ files: [], tError: undefined })), 'host.sshd')).toBe(
      `no sshd configuration (${MAIN} was not read)`,
    );
    expect(
      reasonOf(parse(withSshd({ files: [], tError: 'a', binary: '/s', t: [{ spec: '', error: 'b' }] })), 'host.sshd'),
    ).toBe('no sshd configuration (a; b)');
  });
});

describe('Section: sshd, from sshd -T', () => {
  const binary = '/usr/sbin/sshd';
  const tDoc = (sshd: Record<string, unknown>) => {
    const doc = baseDoc();
    const { tError: _t, ...rest } = doc.sshd;
    return { ...doc, live: true, sshd: { ...rest, binary, version: 'OpenSSH_9.2', ...sshd } };
  };
  const allT = [
    { spec: '', out: 'permitrootlogin without-password\nPasswordAuthentication NO\nacceptenv LANG\nacceptenv LC_*' },
    { spec: ROOT_SPEC, out: 'permitrootlogin no' },
    { spec: ANY_SPEC, out: 'permitrootlogin yes' },
  ];

  it("takes the daemon's view when it ran globally and for every spec", () => {
    const doc = tDoc({
      t: allT,
      specs: [
        { spec: ROOT_SPEC, match: '(root)', groups: '' },
        { spec: ANY_SPEC, match: 'Match User *', groups: '' },
      ],
    });
    expect(sshdOf(doc)).toEqual({
      source: 'sshd-T',
      files: [MAIN],
      contexts: [
        {
          context: 'global',
          settings: { permitrootlogin: 'prohibit-password', passwordauthentication: 'no', acceptenv: 'LANG\nLC_*' },
        },
        { context: ROOT_SPEC, user: 'root', settings: { permitrootlogin: 'no' } },
        { context: ANY_SPEC, user: 'compliance-probe', match: 'Match User *', settings: { permitrootlogin: 'yes' } },
      ],
      validation: { by: 'sshd-T', accepted: true },
    });
  });

  it('gives a spec without a user no user', () => {
    const doc = tDoc({
      t: [
        { spec: '', out: '' },
        { spec: 'host=h', out: 'x11forwarding yes' },
      ],
      specs: [{ spec: 'host=h', match: 'Match Host h', groups: '' }],
    });
    expect(sshdOf(doc).contexts[1]).toEqual({
      context: 'host=h',
      match: 'Match Host h',
      settings: { x11forwarding: 'yes' },
    });
  });

  it('evaluates a synthetic group member from the files, inside the daemon view', () => {
    const doc = tDoc({
      files: [{ path: MAIN, content: 'Match Group corp\n  PermitRootLogin yes\n' }],
      t: [{ spec: '', out: 'permitrootlogin no' }],
      specs: [{ spec: 'user=g,host=h', match: 'Match Group corp', groups: 'corp', synthetic: true }],
    });
    const v = sshdOf(doc);
    expect(v.source).toBe('sshd-T');
    expect(v.contexts[1]).toMatchObject({
      context: 'user=g,host=h',
      user: 'g',
      match: 'Match Group corp',
      note: 'no member of corp on this host (a directory group?): evaluated from the files for a member',
      settings: { permitrootlogin: 'yes' },
    });
    const unlabelled = tDoc({
      files: [{ path: MAIN, content: '' }],
      t: [{ spec: '', out: '' }],
      specs: [{ spec: 'user=g', match: '(g)', groups: 'a,b', synthetic: true }],
    });
    const c = sshdOf(unlabelled).contexts[1];
    expect(c).not.toHaveProperty('match');
    expect(c.note).toBe('no member of a, b on this host (a directory group?): evaluated from the files for a member');
  });

  it('falls back to the files with a note when a synthetic member cannot be evaluated from them', () => {
    const main = tDoc({
      files: [{ path: '/etc/ssh/other', content: '' }],
      t: [{ spec: '', out: 'permitrootlogin no' }],
      specs: [
        { spec: 'user=g', match: 'Match Group corp', groups: 'corp', synthetic: true },
        { spec: 'user=h', match: '(h)', groups: 'x', synthetic: true },
      ],
    });
    expect(reasonOf(parse(main), 'host.sshd')).toBe(
      'no sshd configuration (Match Group corp: no member of corp on this host (a directory group?): evaluated from the files for a member, but the files could not be read; user=h: no member of x on this host (a directory group?): evaluated from the files for a member, but the files could not be read)',
    );
  });

  it('falls back to the files, noting the spec, when the daemon gave no output for it', () => {
    const doc = tDoc({ t: [allT[0], allT[1]] });
    expect(sshdOf(doc)).toMatchObject({ source: 'files', notes: [`sshd -T -C ${ANY_SPEC} gave no output`] });
  });

  it('falls back to the files when the global run is missing', () => {
    const doc = tDoc({ t: [allT[1], allT[2]] });
    const v = sshdOf(doc);
    expect(v.source).toBe('files');
    expect(v).not.toHaveProperty('notes');
  });

  it('falls back to the files when the daemon never ran', () => {
    expect(sshdOf(tDoc({ t: [] })).source).toBe('files');
    expect(sshdOf(tDoc({})).source).toBe('files');
  });

  it("keeps the daemon's refusal, with no setting known", () => {
    const doc = tDoc({
      t: [
        { spec: '', out: 'permitrootlogin no' },
        { spec: ROOT_SPEC, error: 'sshd -T -C failed: /etc/ssh/sshd_config line 2: Bad configuration option: Foo' },
      ],
    });
    expect(sshdOf(doc)).toEqual({
      source: 'sshd-T',
      contexts: [],
      files: [MAIN],
      validation: {
        by: 'sshd-T',
        accepted: false,
        message: '/etc/ssh/sshd_config line 2: Bad configuration option: Foo',
      },
    });
  });
});

describe('Function: splitProbeOutput', () => {
  const sha = (text: string) => createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex');

  it('splits the header line from the document and what follows it, from a string or bytes', () => {
    const text = `${OUTPUT_HEADER_NAME} bytes=4 sha256=${sha('{"a"')}\n{"a"}\r\n \nerr`;
    const expected = {
      ok: true,
      header: { line: `${OUTPUT_HEADER_NAME} bytes=4 sha256=${sha('{"a"')}`, bytes: 4, sha256: sha('{"a"') },
      document: '{"a"',
      complete: true,
      trailing: '}\r\n \nerr',
    };
    expect(splitProbeOutput(text)).toEqual(expected);
    expect(splitProbeOutput(Buffer.from(text))).toEqual(expected);
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=2 sha256=none\r\nab\r\nc`)).toEqual({
      ok: true,
      header: { line: `${OUTPUT_HEADER_NAME} bytes=2 sha256=none`, bytes: 2, sha256: null },
      document: 'ab',
      complete: true,
      trailing: 'c',
    });
  });

  it('reads the document as bytes: a multi-byte character counts for its bytes', () => {
    const r = splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=2 sha256=none\né\n`);
    expect(r).toMatchObject({ ok: true, document: '\u00c3\u00a9', complete: true, trailing: '' });
  });

  it('says how much of a cut document there is, with nothing after it', () => {
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=10 sha256=none\nabc`)).toEqual({
      ok: true,
      header: { line: `${OUTPUT_HEADER_NAME} bytes=10 sha256=none`, bytes: 10, sha256: null },
      document: 'abc',
      complete: false,
      trailing: '',
    });
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=3 sha256=none\nabc`)).toMatchObject({
      complete: true,
      trailing: '',
    });
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=1 sha256=none`)).toMatchObject({
      ok: true,
      document: '',
      complete: false,
    });
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=0 sha256=none`)).toMatchObject({
      ok: true,
      document: '',
      complete: true,
      trailing: '',
    });
  });

  it('says the probe printed nothing for white space only', () => {
    expect(splitProbeOutput(' \r\n\t')).toEqual({ ok: false, reason: 'the host probe printed nothing' });
    expect(splitProbeOutput(new Uint8Array())).toEqual({ ok: false, reason: 'the host probe printed nothing' });
  });

  it('calls an output cut inside its header line truncated, only when that line is a start of the header', () => {
    const truncated = { ok: false, reason: 'the host probe output is truncated (inside its header line)' };
    for (const cut of [
      'compliance',
      `${OUTPUT_HEADER_NAME}`,
      `${OUTPUT_HEADER_NAME} `,
      `${OUTPUT_HEADER_NAME} bytes=12 sha2`,
    ])
      expect(splitProbeOutput(cut)).toEqual(truncated);
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME}x`)).not.toEqual(truncated);
    expect(splitProbeOutput(`compliance\n`)).not.toEqual(truncated);
    expect(splitProbeOutput(`\n${OUTPUT_HEADER_NAME} bytes=1 sha256=none\nx`)).toEqual({
      ok: false,
      reason: `the host probe output is not a probe document (no "${OUTPUT_HEADER_NAME}" header line; starts with ${JSON.stringify(`\n${OUTPUT_HEADER_NAME} bytes=1 sha`)})`,
    });
  });

  it('recognises a document from a probe that prints no header', () => {
    expect(splitProbeOutput('{"probe":"compliance-bot-host","version":1}\n')).toEqual({
      ok: false,
      reason: `the host probe output is not a probe document (no "${OUTPUT_HEADER_NAME}" header line: a probe older than this collector? redeploy the SSM document)`,
    });
  });

  it('quotes the first 40 characters of anything else', () => {
    const text = `sh: 1: Syntax error: "(" unexpected ${'x'.repeat(40)}\nmore`;
    expect(splitProbeOutput(text)).toEqual({
      ok: false,
      reason: `the host probe output is not a probe document (no "${OUTPUT_HEADER_NAME}" header line; starts with ${JSON.stringify(text.slice(0, 40))})`,
    });
  });

  it('refuses a header line with anything around or inside it that the probe never prints', () => {
    const good = `${OUTPUT_HEADER_NAME} bytes=1 sha256=none\nx`;
    expect(splitProbeOutput(good).ok).toBe(true);
    expect(splitProbeOutput(`${OUTPUT_HEADER_NAME} bytes=123456789012 sha256=none\nx`).ok).toBe(true);
    for (const bad of [
      ` ${good}`,
      `x${good}`,
      good.replace('none', 'none '),
      good.replace('none', 'nonex'),
      good.replace('bytes=1', 'bytes='),
      good.replace('bytes=1', 'bytes=1234567890123'),
      good.replace('bytes=1', 'bytes=-1'),
      good.replace('bytes=1', 'bytes=1 '),
      good.replace('none', 'a'.repeat(63)),
      good.replace('none', 'a'.repeat(65)),
      good.replace('none', 'A'.repeat(64)),
      good.replace('none', 'g'.repeat(64)),
      good.replace('\n', '\r\r\n'),
      good.replace('=1 ', '=1\r '),
    ])
      expect(splitProbeOutput(bad).ok).toBe(false);
    expect(splitProbeOutput(good.replace('none', '0f'.repeat(32)))).toMatchObject({
      header: { sha256: '0f'.repeat(32) },
    });
  });
});

describe('Function: documentMismatch', () => {
  const header = (bytes: number, sha256: string | null) => ({ line: '', bytes, sha256 });
  const digest = createHash('sha256').update(Buffer.from('ab', 'latin1')).digest('hex');

  it('checks the length, in bytes, before the digest', () => {
    expect(documentMismatch(header(3, digest), 'ab')).toBe('the document is 2 bytes, the header says 3');
    expect(documentMismatch(header(1, null), '\u00e9')).toBeNull();
    expect(documentMismatch(header(2, null), '\u00e9')).toBe('the document is 1 bytes, the header says 2');
  });

  it('compares the digest when there is one', () => {
    expect(documentMismatch(header(2, digest), 'ab')).toBeNull();
    expect(documentMismatch(header(2, digest), 'ac')).toBe("the document's sha256 differs from the header's");
    expect(documentMismatch(header(2, null), 'ac')).toBeNull();
  });
});

describe('Function: frameProbeDocument', () => {
  it('prints the header with the length in UTF-8 bytes and the digest, then the document and a newline', () => {
    const doc = '{"x":"é"}';
    const digest = createHash('sha256').update(Buffer.from(doc, 'utf8')).digest('hex');
    expect(frameProbeDocument(doc)).toBe(`${OUTPUT_HEADER_NAME} bytes=10 sha256=${digest}\n${doc}\n`);
    expect(frameProbeDocument(doc, { sha256: true })).toBe(frameProbeDocument(doc));
    expect(frameProbeDocument(doc, { sha256: false })).toBe(`${OUTPUT_HEADER_NAME} bytes=10 sha256=none\n${doc}\n`);
  });
});

describe('Section: sshd, entries that contradict themselves', () => {
  const sshdDoc = (sshd: Record<string, unknown>) => {
    const doc = baseDoc();
    const { tError: _t, ...rest } = doc.sshd;
    return { ...doc, sshd: { ...rest, ...sshd } };
  };

  it('gives no view when the main file carries content and an error, whatever the error', () => {
    for (const error of ['no such file', 'not readable (permission denied)']) {
      const doc = sshdDoc({ files: [{ path: MAIN, content: 'PermitRootLogin no\n', error }] });
      expect(reasonOf(parse(doc), 'host.sshd')).toBe(
        `the sshd configuration could not be read completely (${MAIN}: ${error})${error === 'no such file' ? '' : ': run the probe as root'}`,
      );
    }
  });

  it('evaluates no synthetic group member from a main file that carries an error', () => {
    const doc = sshdDoc({
      files: [
        { path: MAIN, content: 'Match Group corp\n  PermitRootLogin yes\n', error: 'no such file' },
        { path: '/etc/ssh/other.conf', content: '' },
      ],
      binary: '/usr/sbin/sshd',
      t: [{ spec: '', out: 'permitrootlogin no' }],
      specs: [{ spec: 'user=g', match: 'Match Group corp', groups: 'corp', synthetic: true }],
    });
    expect(fact(parse(doc), 'host.sshd')).toEqual({
      ok: false,
      reason: `the sshd configuration could not be read completely (${MAIN}: no such file)`,
    });
  });
});

describe('Section: kubeProxy', () => {
  const proxyOf = (kubeProxy: Record<string, unknown>) => fact(parse({ ...baseDoc(), kubeProxy }), 'host.kubeProxy');
  const ARGS = 'kube-proxy\n--config=/var/lib/kube-proxy/config.conf\n--v=2';
  const FLAGS = { config: '/var/lib/kube-proxy/config.conf', v: '2' };

  it('knows no process and no flags when the probe could not tell, with its note or none', () => {
    const note = 'kube-proxy runs in a Pod: its command line is visible on a live host only';
    expect(proxyOf({ process: null, note })).toStrictEqual({ ok: true, value: { running: null, flags: null, note } });
    expect(proxyOf({ process: null })).toStrictEqual({ ok: true, value: { running: null, flags: null } });
  });

  it('says no kube-proxy process is running when the probe found none, or gives its own note', () => {
    expect(proxyOf({ process: false })).toStrictEqual({
      ok: true,
      value: { running: false, flags: null, note: 'no kube-proxy process is running' },
    });
    expect(proxyOf({ process: false, note: 'pgrep found none' })).toStrictEqual({
      ok: true,
      value: { running: false, flags: null, note: 'pgrep found none' },
    });
  });

  it('reads no flags without a process, even when the document carries some', () => {
    expect(proxyOf({ process: false, args: ARGS })).toStrictEqual({
      ok: true,
      value: { running: false, flags: null, note: 'no kube-proxy process is running' },
    });
    expect(proxyOf({ process: null, args: ARGS })).toStrictEqual({ ok: true, value: { running: null, flags: null } });
  });

  it('does not call a process whose command line is missing running or not', () => {
    expect(proxyOf({ process: true })).toStrictEqual({ ok: true, value: { running: null, flags: null } });
  });

  it("reads a running process's flags after its program name, whatever that name is", () => {
    expect(proxyOf({ process: true, args: ARGS })).toStrictEqual({ ok: true, value: { running: true, flags: FLAGS } });
    expect(proxyOf({ process: true, args: '--metrics-bind-address=0.0.0.0:1\n--v=2' })).toStrictEqual({
      ok: true,
      value: { running: true, flags: { v: '2' } },
    });
  });

  it('keeps the configuration path, decoded, and the reason its file was not read', () => {
    expect(
      proxyOf({
        process: true,
        args: ARGS,
        configPath: '/c/caf\u00c3\u00a9.conf',
        configError: 'not readable through /proc (the probe must run as root)',
      }),
    ).toStrictEqual({
      ok: true,
      value: {
        running: true,
        flags: FLAGS,
        configPath: '/c/café.conf',
        configError: 'not readable through /proc (the probe must run as root)',
      },
    });
  });

  it('reads no metrics address from lines that come with an error', () => {
    expect(
      proxyOf({
        process: true,
        args: ARGS,
        configPath: '/c',
        configError: 'a path with .. is not followed',
        configLines: 'metricsBindAddress: 0.0.0.0:10249',
      }),
    ).toStrictEqual({
      ok: true,
      value: { running: true, flags: FLAGS, configPath: '/c', configError: 'a path with .. is not followed' },
    });
  });

  it('reads metricsBindAddress in YAML or JSON, quoted or not, the last line winning', () => {
    const address = (configLines: string) =>
      proxyOf({ process: true, args: ARGS, configPath: '/c', configLines }) as {
        value: { metricsBindAddress?: string };
      };
    expect(
      proxyOf({ process: true, args: ARGS, configPath: '/c', configLines: 'metricsBindAddress: 0.0.0.0:10249\n' }),
    ).toStrictEqual({
      ok: true,
      value: { running: true, flags: FLAGS, configPath: '/c', metricsBindAddress: '0.0.0.0:10249' },
    });
    expect(address('  "metricsBindAddress": "0.0.0.0:1",').value.metricsBindAddress).toBe('0.0.0.0:1');
    expect(address("metricsBindAddress: '[::]:2' # all").value.metricsBindAddress).toBe('[::]:2');
    expect(address('metricsBindAddress : 10.0.0.1:3, # x').value.metricsBindAddress).toBe('10.0.0.1:3');
    expect(address('metricsBindAddress: caf\u00c3\u00a9').value.metricsBindAddress).toBe('café');
    expect(
      address('metricsBindAddress: 0.0.0.0:1\n\n"metricsBindAddress": "127.0.0.1:4"').value.metricsBindAddress,
    ).toBe('127.0.0.1:4');
    expect(address('metricsBindAddress: ""').value.metricsBindAddress).toBe('');
  });

  it('reads a single-quoted key, and skips a commented-out line', () => {
    const lines = (configLines: string) => proxyOf({ process: true, args: ARGS, configPath: '/c', configLines });
    expect(lines("'metricsBindAddress': 0.0.0.0:5")).toStrictEqual({
      ok: true,
      value: { running: true, flags: FLAGS, configPath: '/c', metricsBindAddress: '0.0.0.0:5' },
    });
    expect(lines('metricsBindAddress: 127.0.0.1:6\n  # metricsBindAddress: 0.0.0.0:10249')).toStrictEqual({
      ok: true,
      value: { running: true, flags: FLAGS, configPath: '/c', metricsBindAddress: '127.0.0.1:6' },
    });
  });

  it('refuses to guess from a line that names metricsBindAddress but is no key line (one-line JSON, a flow mapping)', () => {
    const error = 'names metricsBindAddress on a line the probe does not read (one-line JSON or a flow mapping)';
    for (const configLines of [
      '{"kind":"KubeProxyConfiguration","metricsBindAddress":"0.0.0.0:10249"}',
      'metricsBindAddress: 127.0.0.1:1\n{ metricsBindAddress: 0.0.0.0:10249 }',
      '{ metricsBindAddress: 0.0.0.0:10249 }\nmetricsBindAddress: 127.0.0.1:1',
    ]) {
      expect(proxyOf({ process: true, args: ARGS, configPath: '/c', configLines })).toStrictEqual({
        ok: true,
        value: { running: true, flags: FLAGS, configPath: '/c', configError: error },
      });
    }
  });

  it('has no metrics address when the file sets none', () => {
    for (const configLines of [undefined, '', 'metrics: 0.0.0.0:1\nbindAddress: 0.0.0.0']) {
      expect(proxyOf({ process: true, args: ARGS, configPath: '/c', configLines })).toStrictEqual({
        ok: true,
        value: { running: true, flags: FLAGS, configPath: '/c' },
      });
    }
    expect(proxyOf({ process: true, args: 'kube-proxy\n--v=2' })).toStrictEqual({
      ok: true,
      value: { running: true, flags: { v: '2' } },
    });
  });
});

describe('Section: files, owner names', () => {
  it('keeps the owner names, decoded, and leaves an empty name out', () => {
    const files = [
      {
        role: 'etcd-data-dir',
        path: '/var/lib/etcd',
        mode: '700',
        uid: 5,
        gid: 6,
        user: 'etcd',
        group: 'caf\u00c3\u00a9',
      },
      { role: 'etcd-data-dir', path: '/e2', uid: 7, gid: 8, user: '', group: '' },
      { role: 'etcd-data-dir', path: '/e3', uid: 9, gid: 9, user: 'u' },
      { role: 'etcd-data-dir', path: '/e4', uid: 9, gid: 9, group: 'g' },
    ];
    expect(factValue(parse({ ...baseDoc(), files }), 'host.files')).toStrictEqual([
      { role: 'etcd-data-dir', path: '/var/lib/etcd', mode: '700', uid: 5, gid: 6, user: 'etcd', group: 'café' },
      { role: 'etcd-data-dir', path: '/e2', uid: 7, gid: 8 },
      { role: 'etcd-data-dir', path: '/e3', uid: 9, gid: 9, user: 'u' },
      { role: 'etcd-data-dir', path: '/e4', uid: 9, gid: 9, group: 'g' },
    ]);
  });
});

describe('Section: os, values read whole', () => {
  it('reads no part of a value that holds a line separator', () => {
    const tf = parse({
      ...baseDoc(),
      os: { osRelease: 'ID=debian\nPRETTY_NAME="Debian\u00e2\u0080\u00a8GNU"\nVERSION_ID=12\n', hostname: 'h' },
    });
    expect(factValue(tf, 'host.os')).toStrictEqual({ id: 'debian', versionId: '12', hostname: 'h' });
  });
});

describe('Section: sshd, more of the files and the notes', () => {
  const sshdDoc = (sshd: Record<string, unknown>) => {
    const doc = baseDoc();
    const { tError: _t, ...rest } = doc.sshd;
    return { ...doc, sshd: { ...rest, ...sshd } };
  };

  it('matches no Match Group pattern, not even *, for a spec user in no group', () => {
    const doc = sshdDoc({
      files: [{ path: MAIN, content: 'Match Group *\n  PermitRootLogin yes\n' }],
      specs: [
        { spec: 'user=nobody-here', match: '(any user)', groups: '' },
        { spec: 'user=a', match: '(a)', groups: 'staff' },
      ],
    });
    expect(sshdOf(doc).contexts.map((c) => [c.context, c.settings.permitrootlogin])).toEqual([
      ['global', 'prohibit-password'],
      ['user=nobody-here', 'prohibit-password'],
      ['user=a', 'yes'],
    ]);
  });

  it('gives a context no Match label for a spec the probe named itself', () => {
    const doc = sshdDoc({
      files: [{ path: MAIN, content: '' }],
      specs: [
        { spec: ROOT_SPEC, match: '(root)', groups: 'root' },
        { spec: 'user=a', match: 'Match User a', groups: '' },
      ],
    });
    const [global, root, a] = sshdOf(doc).contexts;
    expect(global).not.toHaveProperty('match');
    expect(root).not.toHaveProperty('match');
    expect(a.match).toBe('Match User a');
  });

  it("names the main file's own error, not another entry's, with every note", () => {
    const doc = sshdDoc({
      files: [
        { path: '/etc/ssh/sshd_config.d/a.conf', error: 'not readable (permission denied)' },
        { path: '/etc/ssh/sshd_config.d/b.conf', content: '' },
        { path: MAIN, error: 'no such file' },
      ],
      binary: '/usr/sbin/sshd',
      t: [
        { spec: '', error: 'sshd -T failed: Missing privilege separation directory: /run/sshd' },
        { spec: ROOT_SPEC, error: 'sshd -T -C failed: Missing privilege separation directory: /run/sshd' },
      ],
    });
    expect(reasonOf(parse(doc), 'host.sshd')).toBe(
      `${MAIN}: no such file (sshd -T failed: Missing privilege separation directory: /run/sshd; sshd -T -C failed: Missing privilege separation directory: /run/sshd)`,
    );
  });

  it('keeps a problem with one file after a note about another', () => {
    const doc = sshdDoc({
      files: [{ path: MAIN, content: 'Include /etc/ssh/x.conf\n' }, { path: '/etc/ssh/x.conf' }],
      tError: '/etc/ssh/y.conf: gone',
    });
    expect(sshdOf(doc).notes).toEqual(['/etc/ssh/y.conf: gone', '/etc/ssh/x.conf: not readable']);
  });
});

describe('Section: kubelet, where the flags come from', () => {
  it('never reads the program name as a flag, from a process or from systemd units', () => {
    expect(kubeletOf({ process: true, args: '--config=/argv0\n--a=1' }).flags).toStrictEqual({ a: '1' });
    expect(kubeletOf({ process: false, argsSource: 'systemd', args: '--config=/argv0\n--b=2' }).flags).toStrictEqual({
      b: '2',
    });
  });

  it('reads no flags that come from neither a process nor the systemd units', () => {
    expect(kubeletOf({ process: false, args: '/usr/bin/kubelet\n--x=y' })).toStrictEqual({
      present: false,
      flags: null,
      config: null,
      flagsNote: 'the kubelet process is not visible',
    });
  });

  it('knows no configuration when a drop-in holds a scalar', () => {
    for (const content of ['3', 'hello', 'true']) {
      const k = kubeletOf({ process: true, configDir: '/d', dropins: [{ path: '/d/1.conf', content }] });
      expect([k.config, k.configError]).toEqual([null, '/d/1.conf: not a KubeletConfiguration object']);
    }
  });
});

describe('YAML from the host that refers to itself', () => {
  const CIRCULAR = 'a: &x\n  b: *x\n';
  const REASON = 'an alias refers to a node that contains it';

  it('knows no kubelet configuration from a file or drop-in whose alias contains itself, and reads the rest', () => {
    const file = kubeletOf({ process: true, configPath: '/c', config: CIRCULAR });
    expect([file.config, file.configError]).toEqual([null, `not valid YAML or JSON: ${REASON}`]);
    const dropin = kubeletOf({
      process: true,
      configPath: '/c',
      config: 'a: 1',
      configDir: '/d',
      dropins: [{ path: '/d/1.conf', content: '&x [*x]' }],
    });
    expect([dropin.config, dropin.configError]).toEqual([null, `/d/1.conf: not valid YAML or JSON: ${REASON}`]);
  });

  it('reads no containers from a static Pod manifest whose alias contains itself, and keeps the other manifests', () => {
    const pods = [
      { path: '/m/loop.yaml', content: `metadata: {name: x}\nspec: &s\n  containers: [{name: c, args: *s}]\n` },
      { path: '/m/ok.yaml', content: 'metadata: {name: ok}\n' },
    ];
    expect(factValue(parse({ ...baseDoc(), staticPods: { dir: true, pods } }), 'host.staticPods')).toEqual([
      { path: '/m/loop.yaml', containers: [], error: `not valid YAML: ${REASON}` },
      { path: '/m/ok.yaml', name: 'ok', containers: [] },
    ]);
  });

  it('still reads an alias to a node that does not contain it', () => {
    expect(kubeletOf({ process: true, configPath: '/c', config: 'a: &x {b: 1}\nc: *x\n' }).config).toEqual({
      a: { b: 1 },
      c: { b: 1 },
    });
  });
});
