import { defineCases } from '../../../test/support/cases';
import check from './controller-manager';
import { controlPlane, instance, KUBEADM_CONTROLLER_MANAGER, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes a kubeadm controller manager, in a whole sentence',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-controller-manager/cp-1',
        kind: 'KubeControllerManager',
        message:
          'kube-controller-manager on cp-1 has --root-ca-file, --service-account-private-key-file and --use-service-account-credentials=true.',
      },
    ],
  },
  {
    name: 'fails when --use-service-account-credentials is false',
    facts: tlsFacts({ cp: kubeadm({ cm: { 'use-service-account-credentials': 'false' } }) }),
    expect: [{ status: 'fail', message: '--use-service-account-credentials is not true' }],
  },
  {
    name: 'fails when --root-ca-file and the signing key are missing',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-controller-manager': [
          instance(without(KUBEADM_CONTROLLER_MANAGER, 'root-ca-file', 'service-account-private-key-file')),
        ],
      }),
    }),
    expect: [{ status: 'fail', message: '--root-ca-file is missing, --service-account-private-key-file is missing' }],
  },
  {
    name: 'is unknown on a managed control plane',
    facts: tlsFacts({ cp: controlPlane({}, 'eks') }),
    expect: [{ status: 'unknown', resource: 'kube-controller-manager', message: 'managed control plane' }],
  },
]);
