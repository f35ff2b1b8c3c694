/**
 * Builds a host root (a directory scanned as a host's `/`) in a temporary directory: a worker node with sshd,
 * accounts, a kubelet, kubeconfigs, PKI keys and certificates, with real file modes. Git keeps no modes, hence code.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import { SYSCTL_CIS } from './sysctl-cis';

/** A real SHA-512 crypt hash (of a throw-away password): it must never appear in the probe's output. */
export const REAL_SHADOW_HASH =
  '$6$Zq3v9xYb$6z/tCvjwuhGjVSyQBWPiF8F2egJrFAnEgoKLMGzLj/id1FA1Kbu9NN64MeyQfh3sM8eCkyWhocfk4A6ZInXrB/';

export interface RootFile {
  content: string;
  mode?: number;
}

export type RootSpec = Record<string, string | RootFile>;

/** Writes `files` (paths relative to the root) under a new directory named `name` and returns its path. */
export function makeRoot(name: string, files: RootSpec): string {
  const root = join(mkdtempSync(join(tmpdir(), 'cb-host-')), name);
  mkdirSync(root);
  for (const [rel, spec] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    const f = typeof spec === 'string' ? { content: spec } : spec;
    writeFileSync(path, f.content);
    chmodSync(path, f.mode ?? 0o644);
  }
  return root;
}

export function selfSignedCert(cn: string, notAfter: Date): { certPem: string; keyPem: string } {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(notAfter.getTime() - 365 * 86400_000);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer([{ name: 'commonName', value: cn }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

export function privateKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** kubeadm's kubelet drop-in (mode 644 as kubeadm's packages install it: CIS 4.1.1 asks for 600). */
export const KUBEADM_DROPIN =
  '[Service]\nEnvironment="KUBELET_KUBECONFIG_ARGS=--kubeconfig=/etc/kubernetes/kubelet.conf"\n' +
  'Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"\nExecStart=\n' +
  'ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS\n';

/** A worker node with a few weaknesses: the pieces every host check reads. */
export function workerNode(opts: { sshd?: string; dropIns?: Record<string, string>; shadow?: string | null } = {}) {
  const ca = selfSignedCert('kubernetes', new Date('2027-06-01T00:00:00Z'));
  const kubelet = selfSignedCert('system:node:node-a', new Date('2026-12-05T00:00:00Z'));
  const files: RootSpec = {
    'etc/os-release': 'ID=amzn\nVERSION_ID="2023"\nPRETTY_NAME="Amazon Linux 2023"\n',
    'etc/hostname': 'node-a\n',
    'etc/passwd':
      'root:x:0:0:root:/root:/bin/bash\nec2-user:x:1000:1000::/home/ec2-user:/bin/bash\n' +
      'toor:x:0:0::/root:/bin/sh\nnopass:x:1001:1001::/home/nopass:/bin/sh\n',
    'etc/group': 'root:x:0:\nwheel:x:10:ec2-user\nec2-user:x:1000:\nnopass:x:1001:\n',
    'etc/ssh/sshd_config':
      opts.sshd ??
      'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\n' +
        'KbdInteractiveAuthentication no\nMaxAuthTries 3\n' +
        'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr\n' +
        'MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com\n' +
        'KexAlgorithms curve25519-sha256,diffie-hellman-group16-sha512\n',
    'var/lib/kubelet/config.yaml': {
      content:
        'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n' +
        'authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n' +
        'authorization:\n  mode: Webhook\nreadOnlyPort: 0\nrotateCertificates: true\n',
      mode: 0o600,
    },
    'etc/kubernetes/kubelet.conf': { content: 'apiVersion: v1\nkind: Config\n', mode: 0o644 },
    'etc/systemd/system/kubelet.service.d/10-kubeadm.conf': KUBEADM_DROPIN,
    'etc/sysctl.d/60-cis.conf': SYSCTL_CIS,
    'etc/kubernetes/pki/ca.crt': ca.certPem,
    'etc/kubernetes/pki/ca.key': { content: ca.keyPem, mode: 0o600 },
    'etc/kubernetes/pki/sa.key': { content: privateKeyPem(), mode: 0o644 },
    'var/lib/kubelet/pki/kubelet-client-current.pem': { content: kubelet.certPem + kubelet.keyPem, mode: 0o600 },
    'etc/kubernetes/manifests/kube-apiserver.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n' +
      '  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --anonymous-auth=false\n    - --authorization-mode=Node,RBAC\n' +
      '    env:\n    - name: SECRET_TOKEN\n      value: do-not-collect-me\n',
  };
  for (const [name, text] of Object.entries(opts.dropIns ?? {})) files[`etc/ssh/sshd_config.d/${name}`] = text;
  if (opts.shadow !== null) {
    files['etc/shadow'] = {
      content:
        opts.shadow ??
        `root:!:19000:0:99999:7:::\nec2-user:${REAL_SHADOW_HASH}:19000:0:99999:7:::\ntoor:*:19000::::::\nnopass::19000::::::\n`,
      mode: 0o600,
    };
  }
  return { files, secrets: [REAL_SHADOW_HASH, ca.keyPem, kubelet.keyPem, 'do-not-collect-me'] };
}
