import { parseFlags } from './kube-flags';

describe('Function: parseFlags', () => {
  it('reads --name=value', () => {
    expect(parseFlags(['kube-apiserver', '--etcd-servers=https://10.0.0.1:2379'])).toEqual({
      'etcd-servers': 'https://10.0.0.1:2379',
    });
  });

  it('reads --name value', () => {
    expect(
      parseFlags(['kube-apiserver', '--etcd-servers', 'https://10.0.0.1:2379', '--anonymous-auth', 'false']),
    ).toEqual({ 'etcd-servers': 'https://10.0.0.1:2379', 'anonymous-auth': 'false' });
  });

  it('reads a bare --name as "true", also when the next word is another flag or the last word', () => {
    expect(parseFlags(['--profiling', '--v=2', '--rotate-certificates'])).toEqual({
      profiling: 'true',
      v: '2',
      'rotate-certificates': 'true',
    });
  });

  it('keeps the last of repeated flags, whatever their forms', () => {
    expect(
      parseFlags(['--v=2', '--v', '4', '--tls-min-version', 'VersionTLS10', '--tls-min-version=VersionTLS12']),
    ).toEqual({ v: '4', 'tls-min-version': 'VersionTLS12' });
  });

  it('adds up repeated list and map flags as pflag does, in order', () => {
    expect(
      parseFlags([
        '--disable-admission-plugins=ServiceAccount',
        '--disable-admission-plugins',
        'AlwaysPullImages',
        '--feature-gates=A=true',
        '--feature-gates=A=false,B=true',
        '--authorization-mode=Node',
        '--authorization-mode=RBAC',
        '--tls-cipher-suites=X',
        '--tls-cipher-suites=Y',
      ]),
    ).toEqual({
      'disable-admission-plugins': 'ServiceAccount,AlwaysPullImages',
      'feature-gates': 'A=true,A=false,B=true',
      'authorization-mode': 'Node,RBAC',
      'tls-cipher-suites': 'X,Y',
    });
    expect(parseFlags(['--enable-admission-plugins=A', '--admission-control=B', '--admission-control=C'])).toEqual({
      'enable-admission-plugins': 'A',
      'admission-control': 'B,C',
    });
  });

  it('keeps a value as written: empty, with "=" in it, across lines', () => {
    expect(parseFlags(['--a=', '--b=x=y', '--c=line1\nline2'])).toEqual({ a: '', b: 'x=y', c: 'line1\nline2' });
  });

  it('skips words that are not flags (the binary, a stray word)', () => {
    expect(parseFlags(['/usr/local/bin/etcd', 'stray', '--', '---x', '--=v'])).toEqual({});
  });
});
