/**
 * Synthetic probe outputs (the JSON document src/collectors/host/probe.sh prints) for fleets of hosts: Amazon
 * Linux worker nodes running the kubelet (sshd_config with a drop-in, `sshd -T` for root and a probe user, accounts,
 * kubelet flags and config, file modes, certificates) and control-plane nodes that also carry static Pod manifests
 * and the cluster PKI, whose output passes the 24,000 characters the SSM API returns inline, so the runner must read
 * it from S3. Some hosts differ from the baseline (root login allowed, password authentication on, an empty
 * password), so the checks have failures to find. Deterministic per (host index, seed).
 */
import { frameProbeDocument } from '../../src/collectors/host/probe-output';
import { Rng } from './rng';

export interface FleetHost {
  instanceId: string;
  hostname: string;
  controlPlane: boolean;
  /** The probe's stdout: its header line (length and sha256 of the document), then the document. */
  output: string;
}

const SSHD_CONFIG = `#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Logging
#SyslogFacility AUTH
#LogLevel INFO

# Authentication:

#LoginGraceTime 2m
PermitRootLogin %ROOT%
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

AuthorizedKeysFile	.ssh/authorized_keys

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication %PASSWORD%
#PermitEmptyPasswords no

KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding no
PrintMotd no
ClientAliveInterval 300
Subsystem	sftp	/usr/libexec/openssh/sftp-server
`;

const SSHD_T = (root: string, password: string) =>
  [
    'port 22',
    'addressfamily any',
    'listenaddress [::]:22',
    'listenaddress 0.0.0.0:22',
    'usepam yes',
    'logingracetime 120',
    'x11displayoffset 10',
    'maxauthtries 6',
    'maxsessions 10',
    'clientaliveinterval 300',
    'clientalivecountmax 3',
    'streamlocalbindmask 0177',
    `permitrootlogin ${root}`,
    'ignorerhosts yes',
    'ignoreuserknownhosts no',
    'hostbasedauthentication no',
    'hostbasedusesnamefrompacketonly no',
    'pubkeyauthentication yes',
    'kerberosauthentication no',
    'gssapiauthentication no',
    `passwordauthentication ${password}`,
    'kbdinteractiveauthentication no',
    'printmotd no',
    'x11forwarding no',
    'x11uselocalhost yes',
    'permittty yes',
    'permitemptypasswords no',
    'allowtcpforwarding yes',
    'allowagentforwarding yes',
    'permituserenvironment no',
    'compression yes',
    'tcpkeepalive yes',
    'usedns no',
    'ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com',
    'macs umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1',
    'kexalgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256',
    'hostkeyalgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256',
    'loglevel INFO',
    'syslogfacility AUTH',
    'authorizedkeysfile .ssh/authorized_keys',
    'authenticationmethods any',
    'subsystem sftp /usr/libexec/openssh/sftp-server',
    'maxstartups 10:30:100',
    'permittunnel no',
    'rekeylimit 0 0',
  ].join('\n');

const USERS = [
  ['root', 0, 0],
  ['bin', 1, 1],
  ['daemon', 2, 2],
  ['adm', 3, 4],
  ['lp', 4, 7],
  ['sync', 5, 0],
  ['shutdown', 6, 0],
  ['halt', 7, 0],
  ['mail', 8, 12],
  ['operator', 11, 0],
  ['games', 12, 100],
  ['ftp', 14, 50],
  ['nobody', 65534, 65534],
  ['dbus', 81, 81],
  ['systemd-network', 192, 192],
  ['systemd-oom', 999, 999],
  ['systemd-resolve', 193, 193],
  ['sshd', 74, 74],
  ['chrony', 997, 995],
  ['ec2-instance-connect', 996, 994],
  ['rpc', 32, 32],
  ['ec2-user', 1000, 1000],
  ['ssm-user', 1001, 1001],
] as const;

const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 0.0.0.0
authentication:
  anonymous:
    enabled: %ANON%
  webhook:
    cacheTTL: 2m0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 5m0s
    cacheUnauthorizedTTL: 30s
clusterDomain: cluster.local
hairpinMode: hairpin-veth
readOnlyPort: 0
cgroupDriver: systemd
cgroupRoot: /
featureGates:
  RotateKubeletServerCertificate: true
protectKernelDefaults: true
serializeImagePulls: false
serverTLSBootstrap: true
tlsCipherSuites:
- TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
- TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
- TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
- TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
maxPods: 110
clusterDNS:
- 172.20.0.10
evictionHard:
  memory.available: 100Mi
  nodefs.available: 10%
  nodefs.inodesFree: 5%
kubeReserved:
  cpu: 90m
  ephemeral-storage: 1Gi
  memory: 893Mi
`;

function staticPod(component: string, flags: string[]): string {
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 10.0.0.1:6443
  labels:
    component: ${component}
    tier: control-plane
  name: ${component}
  namespace: kube-system
spec:
  containers:
  - command:
    - ${component}
${flags.map((f) => `    - ${f}`).join('\n')}
    image: registry.k8s.io/${component}:v1.31.2
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 10.0.0.1
        path: /livez
        port: 6443
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: ${component}
    resources:
      requests:
        cpu: 250m
    volumeMounts:
    - mountPath: /etc/ssl/certs
      name: ca-certs
      readOnly: true
    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/ssl/certs
      type: DirectoryOrCreate
    name: ca-certs
  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs
`;
}

const APISERVER_FLAGS = [
  '--advertise-address=10.0.0.1',
  '--allow-privileged=true',
  '--anonymous-auth=false',
  '--audit-log-maxage=30',
  '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100',
  '--audit-log-path=/var/log/kubernetes/audit/audit.log',
  '--audit-policy-file=/etc/kubernetes/audit-policy.yaml',
  '--authorization-mode=Node,RBAC',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--enable-admission-plugins=NodeRestriction,PodSecurity',
  '--enable-bootstrap-token-auth=true',
  '--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--etcd-servers=https://127.0.0.1:2379',
  '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
  '--profiling=false',
  '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
  '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
  '--requestheader-allowed-names=front-proxy-client',
  '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
  '--requestheader-extra-headers-prefix=X-Remote-Extra-',
  '--requestheader-group-headers=X-Remote-Group',
  '--requestheader-username-headers=X-Remote-User',
  '--secure-port=6443',
  '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
  '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
  '--service-cluster-ip-range=10.96.0.0/12',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
];

const ETCD_FLAGS = [
  '--advertise-client-urls=https://10.0.0.1:2379',
  '--auto-tls=false',
  '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
  '--client-cert-auth=true',
  '--data-dir=/var/lib/etcd',
  '--experimental-initial-corrupt-check=true',
  '--experimental-watch-progress-notify-interval=5s',
  '--initial-advertise-peer-urls=https://10.0.0.1:2380',
  '--initial-cluster=cp-0=https://10.0.0.1:2380,cp-1=https://10.0.0.2:2380,cp-2=https://10.0.0.3:2380',
  '--key-file=/etc/kubernetes/pki/etcd/server.key',
  '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.1:2379',
  '--listen-metrics-urls=http://127.0.0.1:2381',
  '--listen-peer-urls=https://10.0.0.1:2380',
  '--name=cp-0',
  '--peer-auto-tls=false',
  '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
  '--peer-client-cert-auth=true',
  '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
  '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  '--snapshot-count=10000',
  '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
];

const CONTROLLER_MANAGER_FLAGS = [
  '--allocate-node-cidrs=true',
  '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--bind-address=127.0.0.1',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--cluster-cidr=10.244.0.0/16',
  '--cluster-name=kubernetes',
  '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
  '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
  '--controllers=*,bootstrapsigner,tokencleaner',
  '--kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--leader-elect=true',
  '--profiling=false',
  '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
  '--root-ca-file=/etc/kubernetes/pki/ca.crt',
  '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
  '--service-cluster-ip-range=10.96.0.0/12',
  '--terminated-pod-gc-threshold=10',
  '--use-service-account-credentials=true',
];

const PKI = [
  'ca',
  'apiserver',
  'apiserver-kubelet-client',
  'apiserver-etcd-client',
  'front-proxy-ca',
  'front-proxy-client',
  'etcd/ca',
  'etcd/server',
  'etcd/peer',
  'etcd/healthcheck-client',
];

/** The probe output of host `i` of a fleet. */
export function probeOutput(i: number, seed: number, controlPlane: boolean): FleetHost {
  const rng = new Rng(seed * 1_000_003 + i);
  const instanceId = instanceIdOf(i);
  const hostname = `ip-10-${(i >> 16) & 255}-${(i >> 8) & 255}-${i & 255}.eu-west-1.compute.internal`;
  const root = rng.chance(0.03) ? 'yes' : rng.chance(0.5) ? 'no' : 'prohibit-password';
  const password = rng.chance(0.05) ? 'yes' : 'no';
  const emptyUser = rng.chance(0.01);
  const sshdFiles = [
    { path: '/etc/ssh/sshd_config', content: SSHD_CONFIG.replace('%ROOT%', root).replace('%PASSWORD%', password) },
    {
      path: '/etc/ssh/sshd_config.d/50-redhat.conf',
      content: '# Common system-wide settings\nSyslogFacility AUTHPRIV\nPrintMotd no\n',
    },
  ];
  const specs = [
    { spec: 'user=root,host=probe.invalid,addr=192.0.2.10', match: '(root)', groups: 'root' },
    { spec: 'user=compliance-probe,host=probe.invalid,addr=192.0.2.10', match: '(any user)', groups: '' },
  ];
  if (controlPlane) {
    // Control-plane nodes let the break-glass group in from the bastion subnet: one more Match context to evaluate.
    sshdFiles.push({
      path: '/etc/ssh/sshd_config.d/90-breakglass.conf',
      content: 'Match Group breakglass Address 10.0.250.0/24\n  PasswordAuthentication no\n  AllowTcpForwarding no\n',
    });
    specs.push(
      { spec: 'user=breakglass,host=probe.invalid,addr=10.0.250.1', match: 'Group breakglass', groups: 'breakglass' },
      {
        spec: 'user=breakglass,host=probe.invalid,addr=10.0.250.1',
        match: 'Address 10.0.250.0/24',
        groups: 'breakglass',
      },
    );
  }
  const doc: Record<string, unknown> = {
    probe: 'compliance-bot-host',
    version: 1,
    root: '/',
    live: true,
    os: {
      osRelease:
        'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.5.20240819"',
      kernel: '6.1.102-111.182.amzn2023.x86_64',
      hostname,
    },
    sshd: {
      config: '/etc/ssh/sshd_config',
      files: sshdFiles,
      unmatchedIncludes: [],
      specs,
      binary: '/usr/sbin/sshd',
      version: 'OpenSSH_8.7p1, OpenSSL 3.0.8 7 Feb 2023',
      t: [
        { spec: '', out: SSHD_T(root, password) },
        ...specs.map((s) => ({ spec: s.spec, out: SSHD_T(root, password) })),
      ],
    },
    accounts: {
      passwd: USERS.map(([n, uid, gid]) => `${n}:${uid}:${gid}`).join('\n'),
      shadow: USERS.map(([n]) => `${n}:${n === 'ec2-user' && emptyUser ? 'empty' : 'locked'}`).join('\n'),
    },
    kubelet: {
      process: true,
      args: [
        '/usr/bin/kubelet',
        '--config=/etc/kubernetes/kubelet/config.json',
        '--kubeconfig=/var/lib/kubelet/kubeconfig',
        '--container-runtime-endpoint=unix:///run/containerd/containerd.sock',
        `--node-ip=10.0.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        '--node-labels=eks.amazonaws.com/nodegroup=general',
      ].join('\u0000'),
      configPath: '/var/lib/kubelet/config.yaml',
      config: KUBELET_CONFIG.replace('%ANON%', rng.chance(0.02) ? 'true' : 'false'),
    },
    files: [
      {
        role: 'kubelet-config',
        path: '/var/lib/kubelet/config.yaml',
        mode: rng.chance(0.05) ? '644' : '600',
        uid: 0,
        gid: 0,
      },
      { role: 'kubeconfig', path: '/var/lib/kubelet/kubeconfig', mode: '600', uid: 0, gid: 0 },
      { role: 'pki-key', path: '/var/lib/kubelet/pki/kubelet-client-current.pem', mode: '600', uid: 0, gid: 0 },
      ...(controlPlane
        ? PKI.map((p) => ({ role: 'pki-key', path: `/etc/kubernetes/pki/${p}.key`, mode: '600', uid: 0, gid: 0 }))
        : []),
    ],
    certs: [
      {
        path: '/var/lib/kubelet/pki/kubelet-client-current.pem',
        notAfter: `Mar ${rng.int(1, 28)} 10:00:00 2027 GMT`,
        subject: `O = system:nodes, CN = system:node:${hostname}`,
      },
      ...(controlPlane
        ? PKI.map((p) => ({
            path: `/etc/kubernetes/pki/${p}.crt`,
            notAfter: `Jan ${rng.int(1, 28)} 12:00:00 2027 GMT`,
            subject: `CN = ${p.replace('/', '-')}`,
          }))
        : []),
    ],
    staticPods: controlPlane
      ? {
          dir: true,
          pods: [
            {
              path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
              content: staticPod('kube-apiserver', APISERVER_FLAGS),
            },
            {
              path: '/etc/kubernetes/manifests/etcd.yaml',
              content: staticPod('etcd', ETCD_FLAGS),
            },
            {
              path: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
              content: staticPod('kube-controller-manager', CONTROLLER_MANAGER_FLAGS),
            },
            {
              path: '/etc/kubernetes/manifests/kube-scheduler.yaml',
              content: staticPod('kube-scheduler', ['--profiling=false', '--bind-address=127.0.0.1']),
            },
          ],
        }
      : { dir: false, pods: [] },
    // kube-proxy runs as a DaemonSet Pod on EKS nodes: its process, flags and the metrics line of its configuration.
    kubeProxy: {
      process: true,
      args: 'kube-proxy\n--config=/var/lib/kube-proxy-config/config\n--hostname-override=' + hostname,
      configPath: '/var/lib/kube-proxy-config/config',
      configLines: 'metricsBindAddress: 127.0.0.1:10249',
    },
    ...osSections(rng),
    end: true,
  };
  return { instanceId, hostname, controlPlane, output: frameProbeDocument(JSON.stringify(doc)) };
}

/** The operating-system sections of an Amazon Linux 2023 node with containerd (probe.sh, after staticPods). */
function osSections(rng: Rng): Record<string, unknown> {
  const stat = (role: string, path: string, mode: string) => ({ role, path, mode, uid: 0, gid: 0 });
  const sysctl = [
    'net.ipv4.ip_forward=1',
    'net.ipv4.conf.all.send_redirects=0',
    'net.ipv4.conf.default.send_redirects=0',
    'net.ipv4.conf.all.accept_redirects=0',
    'net.ipv4.conf.default.accept_redirects=0',
    'net.ipv4.conf.all.rp_filter=2',
    `net.ipv4.tcp_syncookies=${rng.chance(0.1) ? 0 : 1}`,
    'kernel.randomize_va_space=2',
    'fs.suid_dumpable=0',
  ];
  return {
    sshFiles: {
      files: [
        stat('sshd-config', '/etc/ssh/sshd_config', '600'),
        stat('sshd-config', '/etc/ssh/sshd_config.d/50-redhat.conf', '600'),
        ...['ecdsa', 'ed25519', 'rsa'].flatMap((k) => [
          stat('host-key', `/etc/ssh/ssh_host_${k}_key`, '640'),
          stat('host-key-pub', `/etc/ssh/ssh_host_${k}_key.pub`, '644'),
        ]),
      ],
    },
    sudo: {
      binary: true,
      version: 'Sudo version 1.9.15p5',
      files: [
        {
          path: '/etc/sudoers',
          content:
            '\n'.repeat(80) +
            'Defaults   !visiblepw\nDefaults    always_set_home\nroot\tALL=(ALL) \tALL\n%wheel\tALL=(ALL)\tALL\n#includedir /etc/sudoers.d',
        },
        { path: '/etc/sudoers.d/90-cloud-init-users', content: '\nec2-user ALL=(ALL) NOPASSWD:ALL' },
      ],
    },
    pam: {
      files: [
        {
          path: '/etc/pam.d/system-auth',
          content:
            'auth required pam_env.so\npassword requisite pam_pwquality.so local_users_only\npassword sufficient pam_unix.so yescrypt shadow use_authtok',
        },
        { path: '/etc/security/pwquality.conf', content: '' },
      ],
    },
    sysctl: {
      runtime: sysctl.join('\n'),
      files: [
        {
          path: '/usr/lib/sysctl.d/00-defaults.conf',
          content:
            'kernel.sysrq = 16\nkernel.core_uses_pid = 1\nnet.ipv4.conf.default.rp_filter = 2\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter',
        },
        { path: '/etc/sysctl.d/99-sysctl.conf', content: '' },
      ],
    },
    modules: {
      loaded: 'overlay\nbr_netfilter\nxt_conntrack\nnf_nat\nip_tables\nena\nnvme',
      files: [{ path: '/usr/lib/modprobe.d/dist-blacklist.conf', content: 'blacklist floppy\nblacklist pcspkr' }],
    },
    audit: {
      rules: '-a never,task',
      files: [{ path: '/etc/audit/rules.d/audit.rules', content: '-D\n-b 8192\n-f 1' }],
    },
    services: {
      running: 'auditd\nchronyd\ncontainerd',
      enabled: 'auditd.service\nchronyd.service\ncontainerd.service',
      masked: '',
    },
    mac: {
      selinuxEnforce: '0',
      files: [{ path: '/etc/selinux/config', content: 'SELINUX=permissive\nSELINUXTYPE=targeted' }],
    },
    limits: { files: [{ path: '/etc/security/limits.conf', content: '\n'.repeat(60) }] },
    updates: { tools: '', files: [] },
    runtime: {
      present: 'containerd',
      files: [
        stat('runtime-socket', '/run/containerd/containerd.sock', '660'),
        stat('runtime-config', '/etc/containerd', '755'),
        stat('runtime-config', '/etc/containerd/config.toml', '644'),
        stat('runtime-config', '/usr/lib/systemd/system/containerd.service', '644'),
      ],
    },
  };
}

export const instanceIdOf = (i: number) => `i-0${(0x10000000 + i).toString(16)}abcd0000`;

/** Control-plane nodes: three per 100 hosts (several clusters' worth in a large fleet). */
export const isControlPlane = (i: number) => i % 100 < 3;
