import type { AnyCheck } from '../../../src/core/model';
import apiserverCertExpiry from './apiserver-cert-expiry';
import apiserverCertStrength from './apiserver-cert-strength';
import apiserverEtcd from './apiserver-etcd';
import apiserverKubelet from './apiserver-kubelet';
import apiserverMinVersion from './apiserver-min-version';
import apiserverServingCert from './apiserver-serving-cert';
import cipherSuites from './cipher-suites';
import controllerManager from './controller-manager';
import endpointCertificates from './endpoint-certificates';
import etcdClient from './etcd-client';
import etcdPeer from './etcd-peer';
import kubeletCipherSuites from './kubelet-cipher-suites';
import secretExpiry from './secret-expiry';

/** The k8s/tls checks, in catalogue order (then the ones added beyond the catalogue). */
export const tlsChecks: AnyCheck[] = [
  apiserverCertExpiry,
  apiserverMinVersion,
  apiserverServingCert,
  apiserverEtcd,
  apiserverKubelet,
  cipherSuites,
  etcdClient,
  etcdPeer,
  controllerManager,
  secretExpiry,
  apiserverCertStrength,
  kubeletCipherSuites,
  endpointCertificates,
];
