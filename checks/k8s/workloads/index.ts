import type { AnyCheck } from '../../../src/core/model';
import automountToken from './automount-token';
import capabilities from './capabilities';
import defaultNamespace from './default-namespace';
import hostIpc from './host-ipc';
import hostNetwork from './host-network';
import hostPath from './host-path';
import hostPid from './host-pid';
import hostPort from './host-port';
import hostProcess from './host-process';
import netRaw from './net-raw';
import nonRoot from './non-root';
import privilegeEscalation from './privilege-escalation';
import privileged from './privileged';
import psaEnforce from './psa-enforce';
import seccomp from './seccomp';
import secretEnv from './secret-env';
import securityContext from './security-context';

/** The k8s/workloads checks (k8s.workloads.*), in the order of the CIS Kubernetes Benchmark's section 5. */
export const workloadChecks: AnyCheck[] = [
  automountToken,
  psaEnforce,
  privileged,
  hostPid,
  hostIpc,
  hostNetwork,
  privilegeEscalation,
  nonRoot,
  netRaw,
  capabilities,
  hostProcess,
  hostPath,
  hostPort,
  secretEnv,
  seccomp,
  securityContext,
  defaultNamespace,
];
