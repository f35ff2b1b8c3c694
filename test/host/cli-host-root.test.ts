/**
 * The demand, through the real command: `compliance-bot scan --host-root DIR --no-store --format json` gives
 * a result for every host.* check of a fixture root; what a host root holds can neither reach outside it nor steer
 * the merge of its kubelet configuration.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hostChecks } from '../../checks/host';
import type { JsonReport } from '../../src/report/json';
import { makeRoot, workerNode } from './make-root';

const BIN = join(__dirname, '../../bin/compliance-bot.js');
const ROOT = join(__dirname, 'roots', 'node-a');

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'cb-host-cli-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function scan(root: string): { report: JsonReport; stderr: string; status: number | null; stdout: string } {
  const out = spawnSync(process.execPath, [BIN, 'scan', '--host-root', root, '--no-store', '--format', 'json'], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { report: JSON.parse(out.stdout) as JsonReport, stderr: out.stderr, status: out.status, stdout: out.stdout };
}

describe('CLI: compliance-bot scan --host-root', () => {
  it('gives a result for every host check of the demo root, and fails its root-login Match block', () => {
    const { report, stderr, status } = scan(ROOT);
    expect(stderr).toMatch(/running the host probe on node-a/);
    expect(report.targets).toEqual([expect.objectContaining({ name: 'node-a', kind: 'host', status: 'assessed' })]);
    for (const check of hostChecks) {
      expect([check.id, report.results.some((r) => r.checkId === check.id)]).toEqual([check.id, true]);
    }
    const hostResults = report.results.filter((r) => r.checkId.startsWith('host.'));
    // kube-proxy runs in a Pod: a host root cannot show it, and the result says so.
    expect(hostResults.filter((r) => r.status === 'unknown').map((r) => [r.checkId, r.message])).toEqual([
      ['host.kube-proxy.metrics-localhost', expect.stringContaining('visible on a live host only')],
    ]);
    const rootLogin = report.results.find((r) => r.checkId === 'host.ssh.root-login-disabled');
    expect(rootLogin).toMatchObject({ status: 'fail', target: 'node-a' });
    expect(rootLogin?.message).toContain('Match Address 10.20.0.0/16');
    expect(status).toBe(0);
  });
});

describe('CLI: a host root is read the way a chroot would read it', () => {
  // A hardened configuration outside the root: if the probe read it, PermitRootLogin would pass.
  const OUTSIDE_MARK = 'outside-the-host-root';
  let base = '';
  let outsideFile = '';
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'cb-host-escape-'));
    mkdirSync(join(base, 'outside'));
    outsideFile = join(base, 'outside', 'sshd_config');
    writeFileSync(outsideFile, `# ${OUTSIDE_MARK}\nPermitRootLogin no\nPasswordAuthentication no\n`);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const node = (sshd: string) => makeRoot('node-x', workerNode({ sshd }).files);
  const rootLogin = (r: JsonReport) => r.results.find((x) => x.checkId === 'host.ssh.root-login-disabled');

  it.each(['an absolute symbolic link sshd_config -> a file outside', 'a relative symbolic link climbing out with ..'])(
    'never reads the outside file through %s',
    (name) => {
      const root = node('PermitRootLogin yes\n');
      rmSync(join(root, 'etc/ssh/sshd_config'));
      const target = name.startsWith('an absolute') ? outsideFile : `../../${'../'.repeat(12)}${outsideFile.slice(1)}`;
      symlinkSync(target, join(root, 'etc/ssh/sshd_config'));
      try {
        const { report, stdout } = scan(root);
        expect(stdout).not.toContain(OUTSIDE_MARK);
        const r = rootLogin(report);
        expect(r?.status).toBe('unknown');
        expect(r?.message).toContain('/etc/ssh/sshd_config');
      } finally {
        rmSync(dirname(root), { recursive: true, force: true });
      }
    },
  );

  it.each([
    // Enough ".." to reach the real / from the root wherever the temporary directory is.
    ['Include ../../../../<outside>', () => `${'../'.repeat(16)}${outsideFile.slice(1)}`],
    ['Include /../../<outside>', () => `/${'../'.repeat(16)}${outsideFile.slice(1)}`],
    ['Include with a glob, /../../<outside dir>/*', () => `/${'../'.repeat(16)}${dirname(outsideFile).slice(1)}/*`],
  ])('never reads an outside file through %s', (_name, arg) => {
    // First value wins: the outside file, if read, would set PermitRootLogin no before the root's own "yes".
    const root = node(`Include ${arg()}\nPermitRootLogin yes\n`);
    try {
      const { report, stdout } = scan(root);
      expect(stdout).not.toContain(OUTSIDE_MARK);
      const r = rootLogin(report);
      expect(r?.status).toBe('fail');
      expect(r?.message).toContain('PermitRootLogin is yes');
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });

  it('re-roots an absolute Include inside the root: /../../etc/ssh/x is the root etc/ssh/x', () => {
    const { files } = workerNode({ sshd: 'Include /../../etc/ssh/hardening.conf\nPermitRootLogin yes\n' });
    files['etc/ssh/hardening.conf'] = 'PermitRootLogin no\n';
    const root = makeRoot('node-x', files);
    try {
      expect(rootLogin(scan(root).report)?.status).toBe('pass');
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });
});

describe('CLI: a kubelet drop-in cannot steer the merge through __proto__', () => {
  it('keeps host.kubelet.cert-rotation failing when a drop-in says {"__proto__":{"rotateCertificates":true}}', () => {
    const root = makeRoot('al2023', {
      'etc/os-release': 'ID=amzn\nVERSION_ID="2023"\n',
      'etc/kubernetes/kubelet/config.json': JSON.stringify({
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        kind: 'KubeletConfiguration',
        authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
        authorization: { mode: 'Webhook' },
        readOnlyPort: 0,
      }),
      // The last drop-in: a merge after it would copy own keys only and lose the prototype it set.
      'etc/kubernetes/kubelet/config.json.d/10-ctor.conf': 'constructor:\n  prototype:\n    rotateCertificates: true\n',
      'etc/kubernetes/kubelet/config.json.d/20-proto.conf': '{"__proto__":{"rotateCertificates":true}}',
    });
    try {
      const { report } = scan(root);
      const r = report.results.find((x) => x.checkId === 'host.kubelet.cert-rotation');
      expect(r?.status).toBe('fail');
      expect(report.results.find((x) => x.checkId === 'host.kubelet.read-only-port-disabled')?.status).toBe('pass');
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });
});
