import { describeCredentialError, KubeconfigError, loadKubeConfig } from './kubeconfig';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXZhbHVl.c2ln';

describe('Function: loadKubeConfig', () => {
  it('names the line, column and reason of a YAML error, never the lines around it (the credentials)', () => {
    const yaml = [
      'apiVersion: v1',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]',
      'users:',
      '- name: u',
      '  user:',
      `    token: ${TOKEN}`,
      '   bad: : x',
    ].join('\n');
    let err: unknown;
    try {
      loadKubeConfig({ yaml });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KubeconfigError);
    const e = err as KubeconfigError;
    expect(e.message).toBe(
      'cannot load the kubeconfig: invalid YAML at line 7, column 4: bad indentation of a mapping entry',
    );
    expect(e.cause).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain('c2VjcmV0LXZhbHVl');
  });

  it('says when the file does not exist, in words', () => {
    expect(() => loadKubeConfig({ file: '/nonexistent/kubeconfig' })).toThrow(
      'cannot load kubeconfig /nonexistent/kubeconfig: no such file',
    );
  });
});

describe('Function: describeCredentialError', () => {
  it('never repeats what a credential plugin printed on stdout (the credential), and masks its stderr', () => {
    let parseError: unknown;
    try {
      JSON.parse(`token ${TOKEN}`);
    } catch (e) {
      parseError = e;
    }
    expect(describeCredentialError(parseError)).toBe(
      'the credential plugin printed something that is not an ExecCredential (JSON)',
    );
    expect(describeCredentialError(new Error(`error: refresh token ${TOKEN} expired\nmore`))).toBe(
      'the credential plugin failed: error: refresh token [redacted] expired',
    );
  });
});
