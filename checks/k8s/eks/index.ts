import type { AnyCheck } from '../../../src/core/model';
import adminAccessEntries from './admin-access-entries';
import authenticationMode from './authentication-mode';
import controlPlaneLogging from './control-plane-logging';
import endpointPrivate from './endpoint-private';
import endpointPublicAccess from './endpoint-public-access';
import secretsEncryption from './secrets-encryption';
import supportedVersion from './supported-version';

/** The checks the EKS API decides (docs/eks.md). */
export const eksChecks: AnyCheck[] = [
  endpointPublicAccess,
  endpointPrivate,
  controlPlaneLogging,
  secretsEncryption,
  authenticationMode,
  adminAccessEntries,
  supportedVersion,
];
