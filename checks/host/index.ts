import type { AnyCheck } from '../../src/core/model';
import sshRootLoginDisabled from './ssh-root-login-disabled';

/** The host checks, in catalogue order. */
export const hostChecks: AnyCheck[] = [sshRootLoginDisabled];
