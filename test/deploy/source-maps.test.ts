/**
 * The `sourceMaps` stage parameter (infra/source-maps.js): off by default, and the two settings it drives (esbuild's
 * `sourcemap`, NODE_OPTIONS) always agree. `serverless package` itself is exercised by package.test.ts.
 */
import { join } from 'node:path';
import { serverlessBuild } from '../../bench/coldstart';
import { ROOT } from './sls';

const resolve = require(join(ROOT, 'infra', 'source-maps.js'));

/** The variable API serverless hands a file resolver, over serverless.yml's params and the command line. */
function api(params: Record<string, Record<string, unknown>>, cli: string[] = [], stage = 'dev') {
  return {
    options: { param: cli },
    resolveVariable: async (v: string) => (v === 'sls:stage' ? stage : undefined),
    resolveConfigurationProperty: async (path: string[]) => (path[0] === 'params' ? params : undefined),
  };
}

describe('infra/source-maps.js', () => {
  it('ships no source map and leaves NODE_OPTIONS without --enable-source-maps by default', async () => {
    const out = await resolve(api({ default: { sourceMaps: false } }));
    expect(out).toEqual({ enabled: false, sourcemap: false, nodeOptions: '' });
  });

  it('turns both on together from the stage block or the command line', async () => {
    const on = { enabled: true, sourcemap: true, nodeOptions: '--enable-source-maps' };
    expect(await resolve(api({ default: { sourceMaps: false }, dev: { sourceMaps: true } }))).toEqual(on);
    expect(await resolve(api({ default: { sourceMaps: false } }, ['sourceMaps=true']))).toEqual(on);
  });

  it('refuses a value other than true or false, naming the parameter', async () => {
    await expect(resolve(api({ default: { sourceMaps: 'yes' } }))).rejects.toThrow(
      /sourceMaps parameter must be true or false/,
    );
  });

  it('is the parameter serverless.yml declares, off, and wired to both settings', () => {
    const off = serverlessBuild(ROOT);
    expect({ sourcemap: off.esbuild.sourcemap, nodeOptions: off.nodeOptions }).toEqual({
      sourcemap: false,
      nodeOptions: '',
    });
    const on = serverlessBuild(ROOT, { sourceMaps: 'true' });
    expect({ sourcemap: on.esbuild.sourcemap, nodeOptions: on.nodeOptions }).toEqual({
      sourcemap: true,
      nodeOptions: '--enable-source-maps',
    });
  });
});
