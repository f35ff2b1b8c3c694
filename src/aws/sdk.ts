/**
 * The AWS SDK client modules, each loaded on first use, and SDK clients created on first use.
 *
 * Loading one client module costs a Lambda tens of milliseconds of cold start (more for the first, which also loads
 * the SDK's shared core), and a function that never talks to a service should not pay for it: the Slack function
 * acknowledges within 3 seconds and rarely invokes the worker, a nightly scan with no EKS cluster never calls EKS.
 * The Lambda bundles leave the SDK outside (the runtime has its own), and esbuild keeps a `require()` inside a
 * function where it is, so each module below loads when its function is first called. Types come from
 * `import type`, which loads nothing. docs/deploy.md describes the bundles.
 */
export type SsmModule = typeof import('@aws-sdk/client-ssm');
export type S3Module = typeof import('@aws-sdk/client-s3');
export type LambdaModule = typeof import('@aws-sdk/client-lambda');
export type EksModule = typeof import('@aws-sdk/client-eks');
export type SecretsManagerModule = typeof import('@aws-sdk/client-secrets-manager');
export type Ec2Module = typeof import('@aws-sdk/client-ec2');
export type IamModule = typeof import('@aws-sdk/client-iam');

export const ssmSdk = (): SsmModule => require('@aws-sdk/client-ssm');
export const s3Sdk = (): S3Module => require('@aws-sdk/client-s3');
export const lambdaSdk = (): LambdaModule => require('@aws-sdk/client-lambda');
export const eksSdk = (): EksModule => require('@aws-sdk/client-eks');
export const secretsManagerSdk = (): SecretsManagerModule => require('@aws-sdk/client-secrets-manager');
export const ec2Sdk = (): Ec2Module => require('@aws-sdk/client-ec2');
export const iamSdk = (): IamModule => require('@aws-sdk/client-iam');

/**
 * A client that is created by `create` when it is first used (any property read: `send`, `config`…), then reused.
 * It stands in for the client everywhere the client is passed around, so the code that holds it needs no change;
 * that includes `instanceof`, which the SDK's paginators ask of the client before each page.
 */
export function lazyClient<T extends object>(create: () => T): T {
  let client: T | undefined;
  const real = () => {
    client ??= create();
    return client;
  };
  return new Proxy({} as T, {
    get(_, prop) {
      const c = real();
      const v = Reflect.get(c, prop, c);
      return typeof v === 'function' ? v.bind(c) : v;
    },
    set(_, prop, value) {
      return Reflect.set(real(), prop, value);
    },
    has(_, prop) {
      return Reflect.has(real(), prop);
    },
    getPrototypeOf() {
      return Reflect.getPrototypeOf(real());
    },
  });
}
