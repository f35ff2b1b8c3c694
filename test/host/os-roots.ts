/**
 * Host roots for the operating-system hardening checks: one hardened node on which every such check passes, one
 * weak node on which every one fails. Written by code for the file modes (git keeps none).
 */
import type { RootSpec } from './make-root';
import { SYSCTL_CIS } from './sysctl-cis';

/** Every kernel parameter the checks read, at its CIS value (IP forwarding on: a Kubernetes node routes Pods). */

const MODULES = ['cramfs', 'freevxfs', 'jffs2', 'hfs', 'hfsplus', 'udf', 'usb-storage', 'dccp', 'rds', 'tipc'];
const UNIT = '[Unit]\nDescription=x\n';

/** A hardened Amazon Linux 2023 node with containerd, on top of make-root's worker node files. */
export function osHardened(): RootSpec {
  return {
    'etc/ssh/sshd_config': {
      content:
        'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n' +
        'LoginGraceTime 60\nClientAliveInterval 300\nClientAliveCountMax 3\nMaxStartups 10:30:60\nMaxSessions 4\n' +
        'LogLevel VERBOSE\nX11Forwarding no\nAllowTcpForwarding no\nPermitUserEnvironment no\n' +
        'HostbasedAuthentication no\nIgnoreRhosts yes\nAllowGroups wheel\nBanner /etc/issue.net\n',
      mode: 0o600,
    },
    'etc/ssh/ssh_host_ed25519_key': { content: 'not a key: the probe never reads it\n', mode: 0o600 },
    'etc/ssh/ssh_host_ed25519_key.pub': { content: 'ssh-ed25519 AAAA test\n', mode: 0o644 },
    'usr/bin/sudo': { content: '', mode: 0o755 },
    'etc/sudoers': {
      content:
        '# sudoers\nDefaults use_pty\nDefaults logfile="/var/log/sudo.log"\nDefaults !use_pty\nDefaults use_pty\n' +
        'root ALL=(ALL) ALL\n%wheel ALL=(ALL) ALL\n#includedir /etc/sudoers.d\n',
      mode: 0o440,
    },
    'etc/sudoers.d/10-ops': { content: 'Defaults:ops !use_pty\nops ALL=(ALL) /usr/bin/systemctl\n', mode: 0o440 },
    // sudo skips names holding a dot or ending in "~": their NOPASSWD never applies.
    'etc/sudoers.d/README.txt': { content: 'ec2-user ALL=(ALL) NOPASSWD: ALL\n', mode: 0o440 },
    'etc/sudoers.d/20-old~': { content: 'ec2-user ALL=(ALL) NOPASSWD: ALL\n', mode: 0o440 },
    'etc/pam.d/system-auth':
      'password requisite pam_pwquality.so try_first_pass local_users_only retry=3 minlen=14\n' +
      'password sufficient pam_unix.so sha512 shadow use_authtok\n',
    'etc/pam.d/password-auth': 'password requisite pam_pwquality.so retry=3\npassword sufficient pam_unix.so sha512\n',
    'etc/security/pwquality.conf': '# minlen = 8\nminlen = 9\nminclass = 4\n',
    'etc/sysctl.d/60-cis.conf': SYSCTL_CIS,
    'etc/modprobe.d/cis.conf': MODULES.map((m) => `install ${m} /bin/false\nblacklist ${m}\n`).join(''),
    'etc/audit/rules.d/50-cis.rules':
      '-w /etc/group -p wa -k identity\n-w /etc/passwd -p wa -k identity\n-w /etc/gshadow -p wa -k identity\n' +
      '-w /etc/shadow -p wa -k identity\n-a always,exit -F path=/etc/security/opasswd -F perm=wa -k identity\n' +
      '-w /etc/sudoers -p wa -k scope\n-w /etc/sudoers.d/ -p wa -k scope\n' +
      '-w /var/lib/kubelet/config.yaml -p wa -k kubelet\n-w /etc/containerd -p wa -k cri\n',
    'usr/lib/systemd/system/auditd.service': UNIT,
    'usr/lib/systemd/system/chronyd.service': UNIT,
    'usr/lib/systemd/system/dnf-automatic-install.timer': UNIT,
    'etc/systemd/system/multi-user.target.wants/auditd.service': UNIT,
    'etc/systemd/system/multi-user.target.wants/chronyd.service': UNIT,
    'etc/systemd/system/timers.target.wants/dnf-automatic-install.timer': UNIT,
    'usr/bin/dnf-automatic': { content: '', mode: 0o755 },
    'etc/dnf/automatic.conf': '[commands]\nupgrade_type = security\napply_updates = yes\n',
    'etc/selinux/config': 'SELINUX=enforcing\nSELINUXTYPE=targeted\n',
    'etc/security/limits.conf': '# * soft core 0\n*               hard    core            0\n',
    'usr/bin/containerd': { content: '', mode: 0o755 },
    'etc/containerd/config.toml': { content: 'version = 2\n', mode: 0o644 },
  };
}

/** The same node with every operating-system setting weak. */
export function osWeak(): RootSpec {
  return {
    'etc/ssh/sshd_config': {
      content:
        'PermitRootLogin no\nPasswordAuthentication no\nLoginGraceTime 0\nClientAliveCountMax 0\nMaxSessions 64\n' +
        'LogLevel QUIET\nX11Forwarding yes\nPermitUserEnvironment yes\nHostbasedAuthentication yes\nIgnoreRhosts no\n',
      mode: 0o644,
    },
    'etc/ssh/ssh_host_ed25519_key': { content: 'not a key: the probe never reads it\n', mode: 0o644 },
    'usr/bin/sudo': { content: '', mode: 0o755 },
    'etc/sudoers': { content: 'Defaults !use_pty\nroot ALL=(ALL) ALL\n@includedir /etc/sudoers.d\n', mode: 0o440 },
    'etc/sudoers.d/90-cloud-init-users': {
      content: '# Created by cloud-init\nec2-user ALL=(ALL) \\\n   NOPASSWD:ALL\n',
      mode: 0o440,
    },
    'etc/pam.d/system-auth': 'password sufficient pam_unix.so sha512 shadow\n',
    'etc/sysctl.d/60-weak.conf': SYSCTL_CIS.replace(
      'net.ipv4.tcp_syncookies = 1',
      'net.ipv4.tcp_syncookies = 0',
    ).replace('fs.suid_dumpable = 0', 'fs.suid_dumpable = 2'),
    'etc/modprobe.d/cis.conf': 'install cramfs /sbin/modprobe --ignore-install cramfs\n',
    'etc/audit/audit.rules': '-D\n-b 8192\n',
    'usr/lib/systemd/system/auditd.service': UNIT,
    'etc/systemd/system/multi-user.target.wants/auditd.service': UNIT,
    'etc/selinux/config': 'SELINUX=permissive\n',
    'etc/security/limits.conf': '*               soft    core            0\n',
    'usr/bin/containerd': { content: '', mode: 0o755 },
    'etc/containerd/config.toml': { content: 'version = 2\n', mode: 0o666 },
  };
}
