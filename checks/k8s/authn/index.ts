import type { AnyCheck } from '../../../src/core/model';
import anonymousAuthDisabled from './anonymous-auth-disabled';
import clientCa from './client-ca';
import defaultSaAutomount from './default-sa-automount';
import legacySaTokenSecrets from './legacy-sa-token-secrets';
import noStaticPasswordFile from './no-static-password-file';
import noStaticTokenFile from './no-static-token-file';

/** The k8s/authn checks, in catalogue order. */
export const authnChecks: AnyCheck[] = [
  anonymousAuthDisabled,
  noStaticTokenFile,
  noStaticPasswordFile,
  clientCa,
  legacySaTokenSecrets,
  defaultSaAutomount,
];
