import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './secret-env';

export default defineCases(check, [
  {
    name: 'fails secretKeyRef and envFrom secretRef, naming variables and Secrets, and passes a container without',
    facts: workloadFacts([
      deployment('a', {
        containers: [
          container('app', {
            secretEnv: [{ secret: 'db', variable: 'DB_PASSWORD', key: 'password' }, { secret: 'api-keys' }],
          }),
        ],
      }),
      deployment('b', {}),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        message: 'container app reads DB_PASSWORD from Secret db (key password), every key of Secret api-keys',
      },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'fails a variable from a Secret whose key is not given, naming the variable and the Secret alone',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { secretEnv: [{ secret: 'db', variable: 'TOKEN' }] })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', evidence: { offences: ['container app reads TOKEN from Secret db'] } },
    ],
  },
]);
