import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * Secrets (Slack token, signing secret, kubeconfigs) live in SSM Parameter Store SecureStrings and are read at run
 * time, cached per container for `ttlMs`: never in plain environment variables.
 */
export class ParameterCache {
  private readonly cache = new Map<string, { value: string; at: number }>();

  constructor(
    private readonly ssm: SSMClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(name: string): Promise<string> {
    const hit = this.cache.get(name);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.value;
    const out = await this.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (value === undefined || value === '') throw new Error(`SSM parameter ${name} is empty or missing`);
    this.cache.set(name, { value, at: this.clock() });
    return value;
  }
}
