/** The CIS network and memory parameters as a node's /etc/sysctl.d file sets them (fixture roots). */
export const SYSCTL_CIS =
  '# CIS network and memory parameters\nnet.ipv4.ip_forward = 1\n' +
  'net.ipv4.conf.all.send_redirects = 0\nnet.ipv4.conf.default.send_redirects = 0\n' +
  'net.ipv4.conf.all.accept_source_route = 0\nnet.ipv4.conf.default.accept_source_route = 0\n' +
  'net.ipv6.conf.all.accept_source_route = 0\nnet.ipv6.conf.default.accept_source_route = 0\n' +
  'net.ipv4.conf.*.accept_redirects = 0\nnet.ipv6.conf.all.accept_redirects = 0\n' +
  'net.ipv6.conf.default.accept_redirects = 0\nnet.ipv4.conf.all.secure_redirects = 0\n' +
  'net.ipv4.conf.default.secure_redirects = 0\nnet.ipv4.conf.all.log_martians = 1\n' +
  'net.ipv4.conf.default.log_martians = 1\nnet.ipv4.icmp_echo_ignore_broadcasts = 1\n' +
  'net.ipv4.icmp_ignore_bogus_error_responses = 1\nnet.ipv4.tcp_syncookies = 1\n' +
  'kernel.randomize_va_space = 2\nfs.suid_dumpable = 0\n';
