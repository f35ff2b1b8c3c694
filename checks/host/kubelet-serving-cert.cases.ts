import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-serving-cert';

const FILE = '/var/lib/kubelet/config.yaml';
const WITH_FILES = {
  ...HARDENED_KUBELET,
  tlsCertFile: '/var/lib/kubelet/pki/kubelet-serving.crt',
  tlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet-serving.key',
};
/** A configuration file that is not valid YAML, beside visible process flags. */
const brokenConfigWith = (flags: Record<string, string>) => ({
  'host.kubelet': {
    ok: true as const,
    value: { ...(BROKEN_KUBELET_CONFIG.ok ? BROKEN_KUBELET_CONFIG.value : { present: true, config: null }), flags },
  },
});
const UNUSABLE = `its configuration file ${FILE} is unusable (not valid YAML or JSON: bad indentation)`;

export default defineCases(check, [
  {
    name: 'fails with neither files nor rotation: the kubelet serves a self-signed certificate',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message: `The kubelet on node-1 has no serving certificate of its own: tlsCertFile is not set (${FILE}: tlsCertFile not set (default)), tlsPrivateKeyFile is not set (${FILE}: tlsPrivateKeyFile not set (default)), and it does not rotate one (serverTLSBootstrap is false (${FILE}: serverTLSBootstrap not set (default))). It serves a self-signed certificate it generated, which the API server and other clients cannot verify.`,
        evidence: {
          tlsCertFile: { value: null, from: `${FILE}: tlsCertFile not set (default)` },
          tlsPrivateKeyFile: { value: null, from: `${FILE}: tlsPrivateKeyFile not set (default)` },
          serverTLSBootstrap: { value: 'false' },
        },
      },
    ],
  },
  {
    name: 'passes with tlsCertFile and tlsPrivateKeyFile in the configuration file, naming them',
    facts: { 'host.kubelet': kubelet(WITH_FILES) },
    expect: [
      {
        status: 'pass',
        message: `The kubelet on node-1 serves HTTPS with the certificate and key it is given: tlsCertFile is /var/lib/kubelet/pki/kubelet-serving.crt (${FILE}: tlsCertFile), tlsPrivateKeyFile is /var/lib/kubelet/pki/kubelet-serving.key (${FILE}: tlsPrivateKeyFile).`,
      },
    ],
  },
  {
    name: 'passes with --tls-cert-file and --tls-private-key-file and no configuration file',
    facts: {
      'host.kubelet': kubelet(null, {
        'tls-cert-file': '/etc/kubernetes/pki/kubelet.crt',
        'tls-private-key-file': '/etc/kubernetes/pki/kubelet.key',
      }),
    },
    expect: [{ status: 'pass', message: 'tlsCertFile is /etc/kubernetes/pki/kubelet.crt (flag --tls-cert-file)' }],
  },
  {
    name: 'passes with serving certificate rotation and no files',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, serverTLSBootstrap: true }) },
    expect: [
      {
        status: 'pass',
        message: `The kubelet on node-1 requests its serving certificate from the cluster and rotates it: serverTLSBootstrap is true (${FILE}: serverTLSBootstrap);`,
      },
    ],
  },
  {
    name: 'fails with a certificate and no key, saying the kubelet cannot serve with it',
    facts: { 'host.kubelet': kubelet({ ...WITH_FILES, tlsPrivateKeyFile: undefined }) },
    expect: [
      {
        status: 'fail',
        message:
          'A certificate without its key, or a key without its certificate, is nothing the kubelet can serve with.',
      },
    ],
  },
  {
    name: 'fails with a key file named by spaces only, which names no key',
    facts: { 'host.kubelet': kubelet({ ...WITH_FILES, tlsPrivateKeyFile: '  ' }) },
    expect: [
      {
        status: 'fail',
        message: `tlsPrivateKeyFile is    (${FILE}: tlsPrivateKeyFile), and it does not rotate one (serverTLSBootstrap is false (${FILE}: serverTLSBootstrap not set (default))). A certificate without its key, or a key without its certificate, is nothing the kubelet can serve with.`,
      },
    ],
  },
  {
    name: 'passes with the files in the configuration file when the process flags are not visible, keeping the note',
    facts: { 'host.kubelet': kubelet(WITH_FILES, null) },
    expect: [
      {
        status: 'pass',
        evidence: {
          tlsCertFile: { value: '/var/lib/kubelet/pki/kubelet-serving.crt', from: `${FILE}: tlsCertFile` },
          flagsNote: 'the kubelet process is not visible under a host root',
        },
      },
    ],
  },
  {
    name: 'is unknown when rotation is off but the files are in an unusable configuration file',
    facts: brokenConfigWith({ 'rotate-server-certificates': 'false' }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess the serving certificate of the kubelet on node-1: ${UNUSABLE}.`,
        evidence: {
          tlsCertFile: { value: null, from: null },
          serverTLSBootstrap: { value: 'false', from: 'flag --rotate-server-certificates' },
        },
      },
    ],
  },
  {
    name: 'is unknown with each reason once when the file is unusable and serverTLSBootstrap is refused',
    facts: brokenConfigWith({ 'rotate-server-certificates': 'maybe' }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess the serving certificate of the kubelet on node-1: ${UNUSABLE}; serverTLSBootstrap is maybe (flag --rotate-server-certificates), not a boolean the kubelet accepts.`,
      },
    ],
  },
  {
    name: 'fails when an empty --tls-cert-file overrides the file and rotation is off',
    facts: { 'host.kubelet': kubelet(WITH_FILES, { 'tls-cert-file': '' }) },
    expect: [{ status: 'fail', message: 'tlsCertFile is not set (flag --tls-cert-file)' }],
  },
  {
    name: 'fails when the rotation gate is off and no files are set, naming the gate',
    facts: {
      'host.kubelet': kubelet({
        ...HARDENED_KUBELET,
        serverTLSBootstrap: true,
        featureGates: { RotateKubeletServerCertificate: false },
      }),
    },
    expect: [{ status: 'fail', message: 'the RotateKubeletServerCertificate feature gate is false' }],
  },
  {
    name: 'is unknown without files when rotation cannot be read (a serverTLSBootstrap the kubelet refuses)',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, serverTLSBootstrap: 'maybe' }) },
    expect: [{ status: 'unknown', message: 'serverTLSBootstrap is maybe' }],
  },
  {
    name: 'is unknown when the configuration file is not valid YAML, with the reason once',
    facts: { 'host.kubelet': BROKEN_KUBELET_CONFIG },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the serving certificate of the kubelet on node-1: its configuration file /var/lib/kubelet/config.yaml is unusable (not valid YAML or JSON: bad indentation).',
        evidence: {
          tlsCertFile: { value: null, from: null },
          tlsPrivateKeyFile: { value: null, from: null },
          serverTLSBootstrap: { value: null, from: null },
          flagsNote: undefined,
        },
      },
    ],
  },
  {
    name: 'passes from the flags alone over an unusable configuration file (flags override the file)',
    facts: {
      'host.kubelet': {
        ok: true,
        value: {
          ...(BROKEN_KUBELET_CONFIG.ok ? BROKEN_KUBELET_CONFIG.value : { present: true, config: null }),
          flags: { 'tls-cert-file': '/etc/kubelet/tls.crt', 'tls-private-key-file': '/etc/kubelet/tls.key' },
        },
      },
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is not applicable on a host without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
