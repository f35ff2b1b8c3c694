'use strict';
/**
 * esbuild plugins for the Lambda bundles (serverless.yml custom.esbuild.plugins).
 *
 * zod-english-only: zod 4 re-exports every one of its ~50 message locales through `z.locales`, about 260 KB of a
 * minified bundle, and uses only English unless told otherwise (nothing here calls `z.config(z.locales.xx())`). The
 * locales index is replaced by one that exports `en` alone; a call to any other locale fails at build time, not at
 * run time, because the name no longer exists.
 *
 * k8s-client-no-side-effects: the collectors use one class of @kubernetes/client-node (KubeConfig: kubeconfig parsing
 * and authentication), but its barrel module pulls in every generated API model (about 360 KB) and undici. Its own
 * modules are marked side-effect free so esbuild keeps only what KubeConfig reaches, and undici is stubbed for it.
 * test/deploy/bundles.test.ts loads a kubeconfig and applies its credentials through the bundled code.
 */
const path = require('node:path');

const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
      return { path: path.join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-en' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};\n`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const K8S_DIST = /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/]/;

const k8sClientNoSideEffects = {
  name: 'k8s-client-no-side-effects',
  setup(build) {
    // KubeConfig imports undici (about 520 KB) for createDispatcher(), which only the generated API clients call; the
    // collectors use applyToHTTPSOptions() (node:https agents). A stub that throws if a dispatcher is ever made.
    build.onResolve({ filter: /^undici$/ }, (args) =>
      K8S_DIST.test(args.importer) ? { path: 'undici', namespace: 'k8s-no-undici' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'k8s-no-undici' }, () => ({
      contents: [
        'class Unavailable { constructor() { throw new Error("undici is not bundled: the Kubernetes API clients of @kubernetes/client-node are not used here"); } }',
        'export const Agent = Unavailable;',
        'export const ProxyAgent = Unavailable;',
        'export const fetch = (...a) => globalThis.fetch(...a);',
        'export const Headers = globalThis.Headers;',
        'export const Request = globalThis.Request;',
        'export const Response = globalThis.Response;',
        'export const FormData = globalThis.FormData;',
      ].join('\n'),
      loader: 'js',
    }));
    // KubeConfig's module imports two names from the generated client's index, which re-exports every API model; a
    // module loaded on first use (src/collectors/k8s/kube-client.ts) keeps all that its imports reach, so the index
    // is replaced, for that importer only, by the two modules that define the names.
    build.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) =>
      K8S_DIST.test(args.importer) && /[\\/]dist[\\/]config\.js$/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), 'gen', 'config-names.js'), namespace: 'k8s-gen-names' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'k8s-gen-names' }, (args) => ({
      contents: [
        `export { createConfiguration } from ${JSON.stringify(path.join(path.dirname(args.path), 'configuration.js'))};`,
        `export { ServerConfiguration } from ${JSON.stringify(path.join(path.dirname(args.path), 'servers.js'))};`,
      ].join('\n'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'k8s-client-no-side-effects') return undefined;
      if (!args.path.startsWith('@kubernetes/client-node') && !K8S_DIST.test(args.importer)) return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'k8s-client-no-side-effects',
      });
      if (r.errors.length > 0 || !K8S_DIST.test(r.path)) return undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

/**
 * native-externals: @resvg/resvg-js (the digest chart) loads a prebuilt native binary, which esbuild cannot bundle.
 * It stays a runtime require, and serverless.yml packages the module and its linux-x64-gnu binary with the digest
 * function (which runs on x86_64 for that reason). Marked here rather than in serverless-esbuild's `external`, which
 * would run an npm install (network) at package time.
 */
const NATIVE = /^@resvg\/resvg-js$/;
const nativeExternals = {
  name: 'native-externals',
  setup(build) {
    build.onResolve({ filter: NATIVE }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * bolt-lambda-only: Bolt's index loads every receiver at import time, but a Lambda uses AwsLambdaReceiver only.
 * ExpressReceiver (express, body-parser, send), SocketModeReceiver (@slack/socket-mode, undici) and raw-body (for
 * HTTPReceiver's body reading, with iconv-lite's code tables) are about 1.5 MB of a minified bundle and never run.
 * @slack/oauth (the OAuth installer, with jsonwebtoken) serves apps installed in many workspaces; this one has one bot
 * token, and loading the installer cost the Slack function about 40 ms of its cold start. They are replaced by stubs
 * that throw if anything ever constructs or calls them, so a misuse fails loudly instead of quietly.
 * test/deploy/package.test.ts runs a signed slash command through the bundled handler.
 */
const BOLT_DIST = /[\\/]@slack[\\/]bolt[\\/]dist[\\/]/;
const BOLT_STUBS = {
  './receivers/ExpressReceiver': 'ExpressReceiver',
  './receivers/SocketModeReceiver': 'SocketModeReceiver',
  'raw-body': 'raw-body',
  '@slack/oauth': '@slack/oauth',
};
/** The names Bolt reads from @slack/oauth: the installer (in its HTTP receivers) and the two re-exported stores. */
const OAUTH_NAMES = ['InstallProvider', 'FileInstallationStore', 'MemoryInstallationStore'];
const boltLambdaOnly = {
  name: 'bolt-lambda-only',
  setup(build) {
    build.onResolve(
      { filter: /^(\.\/receivers\/(ExpressReceiver|SocketModeReceiver)|raw-body|@slack\/oauth)$/ },
      (args) => {
        if (!BOLT_DIST.test(args.importer)) return undefined;
        return { path: BOLT_STUBS[args.path], namespace: 'bolt-lambda-only' };
      },
    );
    build.onLoad({ filter: /.*/, namespace: 'bolt-lambda-only' }, (args) => {
      const message = JSON.stringify(`${args.path} is not bundled in this Lambda function (it uses AwsLambdaReceiver)`);
      const unavailable = `class Unavailable { constructor() { throw new Error(${message}); } }\nexports.__esModule = true;\n`;
      const contents =
        args.path === 'raw-body'
          ? `module.exports = function rawBody() { throw new Error(${message}); };`
          : args.path === '@slack/oauth'
            ? `${unavailable}${OAUTH_NAMES.map((n) => `exports.${n} = Unavailable;`).join('\n')}`
            : `${unavailable}exports.default = Unavailable;`;
      return { contents, loader: 'js' };
    });
  },
};

module.exports = [zodEnglishOnly, k8sClientNoSideEffects, nativeExternals, boltLambdaOnly];
