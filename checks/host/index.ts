import type { AnyCheck } from '../../src/core/model';
import accountNoEmptyPasswords from './account-no-empty-passwords';
import accountNoExtraUid0 from './account-no-extra-uid0';
import accountRootLocked from './account-root-locked';
import certExpiry from './cert-expiry';
import ec2EbsEncrypted from './ec2-ebs-encrypted';
import ec2ImdsHopLimit from './ec2-imds-hop-limit';
import ec2Imdsv2Required from './ec2-imdsv2-required';
import ec2InstanceProfile from './ec2-instance-profile';
import ec2NoPublicIp from './ec2-no-public-ip';
import ec2SgAdminPorts from './ec2-sg-admin-ports';
import ec2SsmAgent from './ec2-ssm-agent';
import filesKubeletConfig from './files-kubelet-config';
import filesPkiKeys from './files-pki-keys';
import kubeletAnonymousAuthDisabled from './kubelet-anonymous-auth-disabled';
import kubeletCertRotation from './kubelet-cert-rotation';
import kubeletClientCa from './kubelet-client-ca';
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
  filesKubeletConfig,
  filesPkiKeys,
  certExpiry,
  ec2Imdsv2Required,
  ec2ImdsHopLimit,
  ec2SgAdminPorts,
  ec2NoPublicIp,
  ec2EbsEncrypted,
  ec2InstanceProfile,
  ec2SsmAgent,
];
