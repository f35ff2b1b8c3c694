import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, eks, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.secret-env',
  title: 'No container reads a Secret into environment variables',
  severity: 'low',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.4.1'), eks('4.4.1')],
  remediation:
    'Mount the Secrets named in the finding as files (a `secret` volume) and have the application read them there: ' +
    'environment variables are inherited by child processes, printed by crash reports and debug endpoints, and ' +
    'shown by `kubectl describe` of the process environment.',
  requires: ['k8s.workloads'],
  evaluate: perWorkload({
    offences: eachContainer((c) => {
      const refs = c.secretEnv ?? [];
      if (refs.length === 0) return undefined;
      const words = refs.map((r) =>
        r.variable !== undefined
          ? `${r.variable} from Secret ${r.secret}${r.key !== undefined ? ` (key ${r.key})` : ''}`
          : `every key of Secret ${r.secret}`,
      );
      return `reads ${words.join(', ')}`;
    }),
    what: 'reads Secrets into environment variables',
    passWords: 'reads no Secret into environment variables',
  }),
});
