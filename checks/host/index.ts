import type { AnyCheck } from '../../src/core/model';
import accountNoEmptyPasswords from './account-no-empty-passwords';
import accountNoExtraUid0 from './account-no-extra-uid0';
import accountRootLocked from './account-root-locked';
import auditAuditdEnabled from './audit-auditd-enabled';
import auditIdentityRules from './audit-identity-rules';
import auditKubernetesRules from './audit-kubernetes-rules';
import auditSudoersRules from './audit-sudoers-rules';
import autoSecurityUpdates from './auto-security-updates';
import certExpiry from './cert-expiry';
import coreDumpsRestricted from './core-dumps-restricted';
import ec2EbsEncrypted from './ec2-ebs-encrypted';
import ec2ImdsHopLimit from './ec2-imds-hop-limit';
import ec2Imdsv2Required from './ec2-imdsv2-required';
import ec2InstanceProfile from './ec2-instance-profile';
import ec2NoPublicIp from './ec2-no-public-ip';
import ec2SgAdminPorts from './ec2-sg-admin-ports';
import ec2SsmAgent from './ec2-ssm-agent';
import { fileCheck } from './file-check';
import { FILE_CONTROLS } from './file-controls';
import filesKubeletConfig from './files-kubelet-config';
import filesPkiKeys from './files-pki-keys';
import kernelModulesDisabled from './kernel-modules-disabled';
import kernelParameters from './kernel-parameters';
import kubeProxyMetricsLocalhost from './kube-proxy-metrics-localhost';
import kubeletAnonymousAuthDisabled from './kubelet-anonymous-auth-disabled';
import kubeletCertRotation from './kubelet-cert-rotation';
import kubeletClientCa from './kubelet-client-ca';
import kubeletEventQps from './kubelet-event-qps';
import kubeletIptablesUtilChains from './kubelet-iptables-util-chains';
import kubeletNoHostnameOverride from './kubelet-no-hostname-override';
import kubeletPodPidsLimit from './kubelet-pod-pids-limit';
import kubeletReadOnlyPortDisabled from './kubelet-read-only-port-disabled';
import kubeletSeccompDefault from './kubelet-seccomp-default';
import kubeletServerCertRotation from './kubelet-server-cert-rotation';
import kubeletServingCert from './kubelet-serving-cert';
import kubeletStreamingIdleTimeout from './kubelet-streaming-idle-timeout';
import kubeletWebhookAuthz from './kubelet-webhook-authz';
import macEnforcing from './mac-enforcing';
import pamPasswordQuality from './pam-password-quality';
import runtimeFilePermissions from './runtime-file-permissions';
import sshAccessLimited from './ssh-access-limited';
import sshBanner from './ssh-banner';
import sshClientAliveCountMax from './ssh-client-alive-count-max';
import sshClientAliveInterval from './ssh-client-alive-interval';
import sshConfigValid from './ssh-config-valid';
import sshEmptyPasswordsDisabled from './ssh-empty-passwords-disabled';
import sshFilePermissions from './ssh-file-permissions';
import sshHostbasedAuthDisabled from './ssh-hostbased-auth-disabled';
import sshIgnoreRhosts from './ssh-ignore-rhosts';
import sshKbdInteractiveDisabled from './ssh-kbd-interactive-disabled';
import sshLogLevel from './ssh-log-level';
import sshLoginGraceTime from './ssh-login-grace-time';
import sshMaxAuthTries from './ssh-max-auth-tries';
import sshMaxSessions from './ssh-max-sessions';
import sshMaxStartups from './ssh-max-startups';
import sshPasswordAuthDisabled from './ssh-password-auth-disabled';
import sshPubkeyAuthEnabled from './ssh-pubkey-auth-enabled';
import sshRootLoginDisabled from './ssh-root-login-disabled';
import sshStrongCrypto from './ssh-strong-crypto';
import sshTcpForwardingDisabled from './ssh-tcp-forwarding-disabled';
import sshUserEnvironmentDisabled from './ssh-user-environment-disabled';
import sshX11ForwardingDisabled from './ssh-x11-forwarding-disabled';
import sudoLogfile from './sudo-logfile';
import sudoNoNopasswd from './sudo-no-nopasswd';
import sudoUsePty from './sudo-use-pty';
import timeSync from './time-sync';

/** The host checks, in catalogue order. */
export const hostChecks: AnyCheck[] = [
  sshConfigValid,
  sshRootLoginDisabled,
  sshPasswordAuthDisabled,
  sshPubkeyAuthEnabled,
  sshEmptyPasswordsDisabled,
  sshKbdInteractiveDisabled,
  sshStrongCrypto,
  sshMaxAuthTries,
  sshLoginGraceTime,
  sshClientAliveInterval,
  sshClientAliveCountMax,
  sshMaxStartups,
  sshMaxSessions,
  sshLogLevel,
  sshX11ForwardingDisabled,
  sshTcpForwardingDisabled,
  sshUserEnvironmentDisabled,
  sshHostbasedAuthDisabled,
  sshIgnoreRhosts,
  sshBanner,
  sshAccessLimited,
  accountRootLocked,
  accountNoExtraUid0,
  accountNoEmptyPasswords,
  kubeletAnonymousAuthDisabled,
  kubeletWebhookAuthz,
  kubeletReadOnlyPortDisabled,
  kubeletClientCa,
  kubeletCertRotation,
  kubeletIptablesUtilChains,
  kubeletStreamingIdleTimeout,
  kubeletNoHostnameOverride,
  kubeletEventQps,
  kubeletServingCert,
  kubeletServerCertRotation,
  kubeletPodPidsLimit,
  kubeletSeccompDefault,
  kubeProxyMetricsLocalhost,
  filesKubeletConfig,
  filesPkiKeys,
  certExpiry,
  // Mode and ownership of control-plane and kubelet files, one check per row of file-controls.ts.
  ...FILE_CONTROLS.map(fileCheck),
  sshFilePermissions,
  sudoNoNopasswd,
  sudoUsePty,
  sudoLogfile,
  pamPasswordQuality,
  kernelParameters,
  kernelModulesDisabled,
  auditAuditdEnabled,
  auditIdentityRules,
  auditSudoersRules,
  auditKubernetesRules,
  timeSync,
  macEnforcing,
  coreDumpsRestricted,
  autoSecurityUpdates,
  runtimeFilePermissions,
  ec2Imdsv2Required,
  ec2ImdsHopLimit,
  ec2SgAdminPorts,
  ec2NoPublicIp,
  ec2EbsEncrypted,
  ec2InstanceProfile,
  ec2SsmAgent,
];
