import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import type { OperationCheck } from '@shequ/server';

/** The front ends' trusted documents, generated with the typed client (clients/web, `npm run build`). */
export const TRUSTED_DOCUMENTS_MANIFEST = fileURLToPath(
  new URL('../../clients/web/src/gql/persisted-documents.json', import.meta.url),
);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The manifest of trusted documents: sha256 of a document's exact text → the text. */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  static fromManifest(manifest: Record<string, string>): TrustedDocuments {
    for (const [hash, text] of Object.entries(manifest)) {
      if (sha256(text) !== hash) throw new Error(`trusted documents: ${hash} is not the sha256 of its document`);
    }
    return new TrustedDocuments(new Map(Object.entries(manifest)));
  }

  static load(path: string = TRUSTED_DOCUMENTS_MANIFEST): TrustedDocuments {
    if (!existsSync(path))
      throw new Error(
        `trusted documents manifest not found at ${path} (built with @shequ/client; SHEQU_TRUSTED_DOCUMENTS)`,
      );
    return TrustedDocuments.fromManifest(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  }

  /** These documents and some more (e.g. the analysts' saved queries, reviewed like the front ends'). */
  including(texts: readonly string[]): TrustedDocuments {
    return new TrustedDocuments(new Map([...this.byHash, ...texts.map((text) => [sha256(text), text] as const)]));
  }

  get size(): number {
    return this.byHash.size;
  }

  textOf(hash: string): string | undefined {
    return this.byHash.get(hash);
  }

  /** Whether this exact text is one of the trusted documents. */
  includes(text: string): boolean {
    return this.byHash.get(sha256(text)) === text;
  }

  /**
   * Apollo's persisted-query cache, preloaded with the trusted documents: a front end sends only the id
   * (`extensions.persistedQuery.sha256Hash`) and the gateway finds the text. Other ids registered by callers
   * (automatic persisted queries) are kept in memory as before.
   */
  persistedQueryCache(): KeyValueCache<string> {
    const registered = new InMemoryLRUCache<string>();
    // Apollo prefixes the keys it uses ("apq:<hash>").
    const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
    return {
      get: async (key) => this.textOf(hashOf(key)) ?? registered.get(key),
      set: (key, value, options) => registered.set(key, value, options),
      delete: (key) => registered.delete(key),
    };
  }
}

export class UntrustedDocumentError extends GraphQLError {
  constructor() {
    super(
      '未登记的查询文档：前端角色只能运行各前端已登记的可信文档（@shequ/client 的操作，按编号或原文发送）；' +
        '临时查询请由分析人员或社区管理员发起，新的前端操作请加入 clients/web/operations 后重新构建',
      { extensions: { code: 'UNTRUSTED_DOCUMENT', http: { status: 403 } } },
    );
  }
}

/**
 * Front-end roles may run only trusted documents (by id or by exact text); callers that may send ad hoc
 * queries (analysts, community_admin, machine clients) are not limited here, only by their query budget.
 */
export function trustedDocumentsCheck<TContext>(settings: {
  documents: TrustedDocuments;
  mayRunAdHocQueries(context: TContext): boolean;
}): OperationCheck<TContext> {
  return ({ contextValue, source }) => {
    if (settings.mayRunAdHocQueries(contextValue)) return;
    if (!settings.documents.includes(source)) throw new UntrustedDocumentError();
  };
}
