import { defineCheck } from '../../../src/core/check';
import { clusterResource, eksCluster, eksRef } from './common';

/** Every control-plane log type EKS can send to CloudWatch Logs. */
export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export default defineCheck({
  id: 'k8s.eks.control-plane-logging',
  title:
    'EKS sends every control-plane log type (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs',
  severity: 'medium',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('2.1.1')],
  remediation:
    "Enable the api, audit, authenticator, controllerManager and scheduler log types in the cluster's logging " +
    'configuration (console: Observability, Control plane logging; CLI: aws eks update-cluster-config --logging), ' +
    'and keep the log group for the retention your audits need.',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    if (!c.logging) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess: DescribeCluster of ${c.name} gave no logging configuration.`,
        },
      ];
    }
    const enabled = new Set(c.logging.enabled);
    const missing = LOG_TYPES.filter((t) => !enabled.has(t));
    const evidence = { enabled: c.logging.enabled, missing };
    if (missing.length > 0) {
      return [{ status: 'fail', resource, message: `${c.name} does not log ${missing.join(', ')}.`, evidence }];
    }
    return [{ status: 'pass', resource, message: `${c.name} logs every control-plane log type.`, evidence }];
  },
});
