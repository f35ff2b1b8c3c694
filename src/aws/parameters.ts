import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { GetParameterCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { secretsManagerSdk, ssmSdk } from './sdk';

/** A secret or parameter that could not be read; the message names it, never its value. */
export class ParameterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParameterError';
  }
}

/**
 * Secrets (Slack token, signing secret, kubeconfigs) live in SSM Parameter Store SecureStrings or Secrets Manager and
 * are read at run time, cached per container for `ttlMs`: never in plain environment variables.
 */
export class ParameterCache {
  private readonly cache = new Map<string, { value: string; at: number }>();

  constructor(
    private readonly ssm: SSMClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
    private readonly secrets?: SecretsManagerClient,
  ) {}

  /** An SSM parameter (SecureStrings decrypted). */
  async get(name: string): Promise<string> {
    return this.cached(`ssm:${name}`, async () => {
      let out: GetParameterCommandOutput;
      try {
        out = await this.ssm.send(new (ssmSdk().GetParameterCommand)({ Name: name, WithDecryption: true }));
      } catch (err) {
        throw new ParameterError(`cannot read SSM parameter ${name}: ${errorName(err)}`, { cause: err });
      }
      const value = out.Parameter?.Value;
      if (value === undefined || value === '') throw new ParameterError(`SSM parameter ${name} is empty or missing`);
      return value;
    });
  }

  /** A Secrets Manager secret's string value, by name or ARN. */
  async getSecret(id: string): Promise<string> {
    const client = this.secrets;
    if (!client) throw new ParameterError(`cannot read secret ${id}: no Secrets Manager client was configured`);
    return this.cached(`secret:${id}`, async () => {
      let value: string | undefined;
      try {
        value = (await client.send(new (secretsManagerSdk().GetSecretValueCommand)({ SecretId: id }))).SecretString;
      } catch (err) {
        throw new ParameterError(`cannot read secret ${id}: ${errorName(err)}`, { cause: err });
      }
      if (value === undefined || value === '') throw new ParameterError(`secret ${id} has no string value`);
      return value;
    });
  }

  /** The `readSecret` of CollectorDeps: exactly one of an SSM parameter or a Secrets Manager secret. */
  readSecret = async (source: { parameter?: string; secret?: string }): Promise<string> => {
    if (source.parameter && !source.secret) return this.get(source.parameter);
    if (source.secret && !source.parameter) return this.getSecret(source.secret);
    throw new ParameterError('give exactly one of parameter or secret');
  };

  private async cached(key: string, load: () => Promise<string>): Promise<string> {
    const hit = this.cache.get(key);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    this.cache.set(key, { value, at: this.clock() });
    return value;
  }
}

function errorName(err: unknown): string {
  if (err instanceof Error) return err.name === 'Error' ? err.message : err.name;
  return String(err);
}
