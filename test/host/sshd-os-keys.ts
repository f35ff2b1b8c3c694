/** The sshd keywords of the operating-system hardening checks, compared with `sshd -T` by the differential tests. */
export const SSHD_OS_KEYS = [
  'logingracetime',
  'clientaliveinterval',
  'clientalivecountmax',
  'maxstartups',
  'maxsessions',
  'loglevel',
  'x11forwarding',
  'allowtcpforwarding',
  'permituserenvironment',
  'hostbasedauthentication',
  'ignorerhosts',
  'allowusers',
  'allowgroups',
  'denyusers',
  'denygroups',
  'banner',
];
