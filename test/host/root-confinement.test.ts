/**
 * A host root is read the way a chroot would read it: `..` stops at the root, absolute symbolic links are re-rooted
 * at it, relative ones are resolved component by component, and a link loop is refused with a reason. Nothing
 * outside the root is read, whatever the root holds.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { makeRoot, type RootSpec, selfSignedCert, workerNode } from './make-root';

const MARK = 'outside-the-host-root';
const UP = '../'.repeat(16);

let outside = '';
beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'cb-outside-'));
  const w = (rel: string, text: string) => {
    mkdirSync(dirname(join(outside, rel)), { recursive: true });
    writeFileSync(join(outside, rel), text);
  };
  w('sshd_config', `# ${MARK}\nPermitRootLogin no\n`);
  w('sshd_config.d/10.conf', `# ${MARK}\nPermitRootLogin no\n`);
  w('kubelet.yaml', `kind: KubeletConfiguration\nrotateCertificates: true\nstaticPodPath: /${MARK}\n`);
  w('config.json.d/10.conf', `{"rotateCertificates": true, "staticPodPath": "/${MARK}"}`);
  w('kubelet.service', `[Service]\nExecStart=/usr/bin/kubelet --${MARK}=1\n`);
  w('kubelet.env', `KUBELET_ARGS=--${MARK}=2\n`);
  w('manifests/pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${MARK}\n`);
  w('pki/ca.crt', selfSignedCert(MARK, new Date('2030-01-01T00:00:00Z')).certPem);
  w('shadow', `${MARK}::19000::::::\n`);
  w('passwd', `${MARK}:x:0:0::/:/bin/sh\n`);
  w('os-release', `ID=${MARK}\n`);
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

function root(files: RootSpec, links: Record<string, string>): string {
  const r = makeRoot('node', files);
  roots.push(r);
  for (const [rel, target] of Object.entries(links)) {
    mkdirSync(dirname(join(r, rel)), { recursive: true });
    rmSync(join(r, rel), { recursive: true, force: true });
    symlinkSync(target.replace('@OUT', outside), join(r, rel));
  }
  return r;
}

async function probe(r: string) {
  const run = await runProbe(r);
  return { stdout: run.stdout, facts: parseProbeOutput(run.stdout, { name: 'node', kind: 'host' }).facts };
}

describe('Probe: every path under a host root stays inside it', () => {
  it.each([
    ['absolute links to outside files and folders', (rel: string) => `@OUT/${rel}`],
    ['relative links climbing out with ..', (rel: string) => `${UP}@OUT/${rel}`.replace(`${UP}/`, UP)],
  ])('never reads outside through %s', async (_name, link) => {
    const r = root(
      {
        'etc/hostname': 'node\n',
        'etc/group': 'root:x:0:\n',
        'etc/kubernetes/kubelet/config.json': '{"kind":"KubeletConfiguration"}',
        'etc/systemd/system/kubelet.service.d/10-env.conf': `[Service]\nEnvironmentFile=/${UP}${outside.slice(1)}/kubelet.env\n`,
      },
      {
        'etc/ssh/sshd_config': link('sshd_config'),
        'etc/ssh/sshd_config.d': link('sshd_config.d'),
        'var/lib/kubelet/config.yaml': link('kubelet.yaml'),
        'etc/kubernetes/kubelet/config.json.d': link('config.json.d'),
        'etc/systemd/system/kubelet.service': link('kubelet.service'),
        'etc/kubernetes/manifests': link('manifests'),
        'etc/kubernetes/pki': link('pki'),
        'etc/shadow': link('shadow'),
        'etc/passwd': link('passwd'),
        'etc/os-release': link('os-release'),
      },
    );
    const { stdout, facts } = await probe(r);
    expect(stdout).not.toContain(MARK);
    expect(facts['host.sshd']?.ok).toBe(false);
    const k = facts['host.kubelet'];
    expect(k?.ok && k.value.config?.rotateCertificates).toBeFalsy();
  });

  it('re-roots an absolute link: /var/lib/kubelet/config.yaml -> /srv/kubelet.yaml reads ROOT/srv/kubelet.yaml', async () => {
    const r = root(
      { 'srv/kubelet.yaml': 'kind: KubeletConfiguration\nreadOnlyPort: 0\n' },
      { 'var/lib/kubelet/config.yaml': '/srv/kubelet.yaml' },
    );
    const k = (await probe(r)).facts['host.kubelet'];
    expect(k?.ok && k.value.config?.readOnlyPort).toBe(0);
  });

  it('resolves .. after a linked folder physically, as the kernel does (not by removing text)', async () => {
    // /etc/ssh/conf -> /opt/ssh/conf, so /etc/ssh/conf/../extra.conf is /opt/ssh/extra.conf.
    const { files } = workerNode({ sshd: 'Include /etc/ssh/conf/../extra.conf\nPermitRootLogin yes\n' });
    files['opt/ssh/conf/.keep'] = '';
    files['opt/ssh/extra.conf'] = 'PermitRootLogin no\n';
    files['etc/ssh/extra.conf'] = 'PermitRootLogin forced-commands-only\n';
    const r = root(files, { 'etc/ssh/conf': '../../opt/ssh/conf' });
    const sshd = (await probe(r)).facts['host.sshd'];
    expect(sshd?.ok && sshd.value.contexts[0].settings.permitrootlogin).toBe('no');
  });

  it('follows a glob Include through a linked folder inside the root', async () => {
    const { files } = workerNode({ sshd: 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n' });
    files['usr/share/ssh/d/10-root.conf'] = 'PermitRootLogin no\n';
    const r = root(files, { 'etc/ssh/sshd_config.d': '/usr/share/ssh/d' });
    const sshd = (await probe(r)).facts['host.sshd'];
    expect(sshd?.ok && sshd.value.contexts[0].settings.permitrootlogin).toBe('no');
    expect(sshd?.ok && sshd.value.files).toContain('/etc/ssh/sshd_config.d/10-root.conf');
  });

  it('refuses a symbolic link loop with a reason, and the sshd view is unknown', async () => {
    const r = root({ 'etc/hostname': 'node\n' }, { 'etc/ssh/sshd_config': 'a', 'etc/ssh/a': 'b', 'etc/ssh/b': 'a' });
    const sshd = (await probe(r)).facts['host.sshd'];
    expect(sshd?.ok).toBe(false);
    expect(!sshd?.ok && sshd?.reason).toContain('too many levels of symbolic links');
  });

  it('refuses a loop in an Include, and the sshd view is unknown (never "nothing included")', async () => {
    const { files } = workerNode({ sshd: 'Include /etc/ssh/loop.conf\nPermitRootLogin no\n' });
    const r = root(files, { 'etc/ssh/loop.conf': '/etc/ssh/loop.conf' });
    const sshd = (await probe(r)).facts['host.sshd'];
    expect(sshd?.ok).toBe(false);
    expect(!sshd?.ok && sshd?.reason).toMatch(/\/etc\/ssh\/loop\.conf: .*too many levels of symbolic links\)$/);
  });

  it('does not follow a wildcard in a folder of an Include pattern under a host root, and says so', async () => {
    const { files } = workerNode({ sshd: 'Include /etc/*/z.conf\nPermitRootLogin no\n' });
    files['etc/ssh/z.conf'] = 'PermitRootLogin yes\n';
    const sshd = (await probe(root(files, {}))).facts['host.sshd'];
    expect(!sshd?.ok && sshd?.reason).toContain('/etc/*/z.conf: Include could not be expanded: a wildcard in a folder');
  });
});
