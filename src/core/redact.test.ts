import { REDACTED, redactSecrets } from './redact';

const C = 'CANARY-7f3a9c';

describe('redactSecrets', () => {
  it.each([
    ['a bearer token', `Authorization: Bearer ${C}.abc`],
    ['a lower-case bearer header', `authorization: bearer abc${C}`],
    ['a kubeconfig token', `    token: eyJhbGciOiJSUzI1NiJ9.${C}.sig`],
    ['a quoted JSON token', `{"token": "${C}"}`],
    ['client-key-data', `client-key-data: LS0t${C}`],
    ['a password line', `password: hunter2-${C}`],
    ['a password flag', `--oidc-client-secret=${C}`],
    ['an env line', `AWS_SECRET_ACCESS_KEY=${C}`],
    ['an AWS session token', `aws_session_token = ${C}`],
    ['a Slack bot token', `the token xoxb-1234-${C} was refused`],
    ['a Slack app token', `xapp-1-A0-${C}`],
    ['a signing secret', `signingSecret: ${C}`],
    ['an AWS access key ID', `key AKIAABCDEFGHIJKLMNOP and ASIAABCDEFGHIJKLMNOP${C}`],
    ['a JWT', `it said eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ${C}.c2ln`],
    ['an EKS token', `k8s-aws-v1.aHR0cHM6${C}`],
    ['a shadow hash', `root:$6$salt$${C}:19000:0:99999:7:::`],
    ['a yescrypt hash', `$y$j9T$abc$${C}`],
    ['URL credentials', `https://admin:${C}@example.com/x`],
    ['a PEM private key', `-----BEGIN RSA PRIVATE KEY-----\nMIIE${C}\n-----END RSA PRIVATE KEY-----\nafter`],
    ['a PEM private key cut short', `  3 | -----BEGIN PRIVATE KEY-----\n  4 | MIIE${C}`],
  ])('masks %s', (_name, text) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(C);
    expect(out).toContain(REDACTED);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'cannot reach https://127.0.0.1:6443: connection refused (ECONNREFUSED).',
      'unauthorized: list pods (the credentials were rejected)',
      'kube-apiserver --token-auth-file=/etc/kubernetes/tokens.csv is set',
      'check the kubeconfig user or the token.',
      'a bearer token is sent with every list',
      'not a snapshot key: nightly/x.json',
      'Basic authentication is disabled',
      'kube-apiserver --authorization-mode=Node,RBAC',
      'authorization:\n  mode: Webhook',
      '{"authorization":{"mode":"Webhook"},"token":["a"]}',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('keeps the name of what it masked, and is idempotent', () => {
    const once = redactSecrets('Authorization: Bearer abc.DEF-123 and password: x1');
    expect(once).toBe(`Authorization: Bearer ${REDACTED} and password: ${REDACTED}`);
    expect(redactSecrets(once)).toBe(once);
  });
});
