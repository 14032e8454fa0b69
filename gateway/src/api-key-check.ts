import { parseApiKey } from '@shequ/auth';

/** How long a key a subgraph accepted is taken as valid without asking again (a revocation waits this long at most). */
const ACCEPTED_FOR_MS = 5_000;

/**
 * The gateway holds no key registry: before anything else runs for a request with an API key, it asks the
 * residents subgraph (which verifies keys against its projection of the registry) whether the key is valid.
 * A malformed key, an unknown one or an unreachable subgraph is refused (fail closed).
 */
export class ApiKeyCheck {
  private readonly accepted = new Map<string, number>();

  constructor(private readonly subgraphUrl: string) {}

  async isValid(key: string): Promise<boolean> {
    if (!parseApiKey(key)) return false;
    const until = this.accepted.get(key);
    if (until && until > Date.now()) return true;
    const valid = await this.askSubgraph(key);
    if (valid) this.accepted.set(key, Date.now() + ACCEPTED_FOR_MS);
    else this.accepted.delete(key);
    if (this.accepted.size > 1_000) this.forgetExpired();
    return valid;
  }

  private async askSubgraph(key: string): Promise<boolean> {
    try {
      const response = await fetch(this.subgraphUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${key.trim()}` },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) return false;
      const body = (await response.json()) as { data?: { __typename?: string } };
      return body.data?.__typename === 'Query';
    } catch {
      return false;
    }
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [key, until] of this.accepted) if (until <= now) this.accepted.delete(key);
  }
}
