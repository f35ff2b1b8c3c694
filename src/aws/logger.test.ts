import { createLogger, lambdaFields } from './logger';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const log = createLogger({ service: 'test' }, (l) => lines.push(l), level ? { level } : {});
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('Function: createLogger', () => {
  it('writes one JSON object a line with level, time, message and the base fields', () => {
    const { log, lines, parsed } = capture();
    log.info('scan started', { scopes: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(false);
    const [e] = parsed();
    expect(e).toMatchObject({ level: 'info', message: 'scan started', service: 'test', scopes: 2 });
    expect(new Date(e.time as string).toISOString()).toBe(e.time);
  });

  it('carries the scan ID and target of a child logger on every line', () => {
    const { log, parsed } = capture();
    const child = log.child({ scanId: '20261130T020000Z-abc123', target: 'local/cluster-prod' });
    child.warn('target not fully assessed');
    child.error('scope failed');
    for (const e of parsed())
      expect(e).toMatchObject({ scanId: '20261130T020000Z-abc123', target: 'local/cluster-prod' });
  });

  it('writes nothing below its level', () => {
    const { log, lines } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    expect(lines).toHaveLength(1);
  });

  it('reduces an error to its name, message and code', () => {
    const { log, parsed } = capture();
    const err = Object.assign(new Error('denied', { cause: new Error('inner') }), { code: 'AccessDenied' });
    log.error('failed', { error: err });
    expect(parsed()[0].error).toEqual({
      name: 'Error',
      message: 'denied',
      code: 'AccessDenied',
      cause: { name: 'Error', message: 'inner' },
    });
  });

  it('redacts fields named like secrets, at the top level and one level down', () => {
    const { log, lines } = capture();
    log.info('oops', { token: 'xoxb-123', request: { authorization: 'Bearer abc', path: '/x' } });
    expect(lines[0]).not.toContain('xoxb-123');
    expect(lines[0]).not.toContain('Bearer abc');
    expect(JSON.parse(lines[0]).request.path).toBe('/x');
  });
});

describe('Function: createLogger, credentials in free text', () => {
  it('masks credential shapes in messages, field values at any depth, error messages and child bindings', () => {
    const { log, lines } = capture();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    log.child({ note: `token: ${jwt}` }).warn(`slack said: Authorization: Bearer xoxb-1-2-abc`, {
      config: { request: { headers: { Authorization: 'Bearer AbC123xyz' } } },
      list: [{ value: '$6$salt$hash' }],
      error: new Error(`cannot load: password: hunter2x`),
    });
    const line = lines[0];
    for (const secret of [jwt, 'xoxb-1-2-abc', 'AbC123xyz', '$6$salt$hash', 'hunter2x']) {
      expect(line).not.toContain(secret);
    }
    const e = JSON.parse(line);
    expect(e.message).toBe('slack said: Authorization: Bearer [redacted]');
    expect(e.config.request.headers.Authorization).toBe('[redacted]');
  });
});

describe('Function: lambdaFields', () => {
  it('names the request, the function and the cold start', () => {
    expect(lambdaFields({ awsRequestId: 'req-1', functionName: 'fn' }, true)).toMatchObject({
      requestId: 'req-1',
      function: 'fn',
      coldStart: true,
    });
  });
});
