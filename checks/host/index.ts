import type { AnyCheck } from '../../src/core/model';
import accountNoEmptyPasswords from './account-no-empty-passwords';
import accountNoExtraUid0 from './account-no-extra-uid0';
import accountRootLocked from './account-root-locked';
import certExpiry from './cert-expiry';
import { fileCheck } from './file-check';
import { FILE_CONTROLS } from './file-controls';
import filesKubeletConfig from './files-kubelet-config';
import filesPkiKeys from './files-pki-keys';
import kubeProxyMetricsLocalhost from './kube-proxy-metrics-localhost';
import kubeletAnonymousAuthDisabled from './kubelet-anonymous-auth-disabled';
import kubeletCertRotation from './kubelet-cert-rotation';
import kubeletClientCa from './kubelet-client-ca';
import kubeletIptablesUtilChains from './kubelet-iptables-util-chains';
import kubeletReadOnlyPortDisabled from './kubelet-read-only-port-disabled';
import kubeletWebhookAuthz from './kubelet-webhook-authz';
import sshConfigValid from './ssh-config-valid';
import sshEmptyPasswordsDisabled from './ssh-empty-passwords-disabled';
import sshKbdInteractiveDisabled from './ssh-kbd-interactive-disabled';
import sshMaxAuthTries from './ssh-max-auth-tries';
import sshPasswordAuthDisabled from './ssh-password-auth-disabled';
import sshPubkeyAuthEnabled from './ssh-pubkey-auth-enabled';
import sshRootLoginDisabled from './ssh-root-login-disabled';
import sshStrongCrypto from './ssh-strong-crypto';

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
  accountRootLocked,
  accountNoExtraUid0,
  accountNoEmptyPasswords,
  kubeletAnonymousAuthDisabled,
  kubeletWebhookAuthz,
  kubeletReadOnlyPortDisabled,
  kubeletClientCa,
  kubeletCertRotation,
  kubeletIptablesUtilChains,
  kubeProxyMetricsLocalhost,
  filesKubeletConfig,
  filesPkiKeys,
  certExpiry,
  // Mode and ownership of control-plane and kubelet files, one check per row of file-controls.ts.
  ...FILE_CONTROLS.map(fileCheck),
];
