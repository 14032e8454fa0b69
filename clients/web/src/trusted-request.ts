import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import manifest from './gql/persisted-documents.json' with { type: 'json' };

/** The trusted documents: sha256 of each front-end operation → its exact text, as the gateway holds them. */
export const PERSISTED_DOCUMENTS: Readonly<Record<string, string>> = manifest;

/** The body of a GraphQL request for one of the front ends' operations. */
export interface TrustedRequestBody<TVariables> {
  query?: string;
  operationName: string;
  variables?: TVariables;
  extensions: { persistedQuery: { version: 1; sha256Hash: string } };
}

/** The manifest id (sha256) of a generated document. */
export function documentHash(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string' || !(hash in PERSISTED_DOCUMENTS))
    throw new Error('not a trusted document of @shequ/client (no hash in the manifest)');
  return hash;
}

/** The exact text of a generated document, as registered in the manifest. */
export function documentText(document: TypedDocumentNode<unknown, never>): string {
  return PERSISTED_DOCUMENTS[documentHash(document)];
}

/**
 * The request body for a front-end operation: by id (the persisted-query extension) and, unless `byIdOnly`,
 * with its exact text too. In production the gateway lets front-end roles run only these documents.
 */
export function trustedRequest<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  options: { byIdOnly?: boolean } = {},
): TrustedRequestBody<TVariables> {
  const sha256Hash = documentHash(document);
  const text = PERSISTED_DOCUMENTS[sha256Hash];
  return {
    ...(options.byIdOnly ? {} : { query: text }),
    operationName: /^(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? '',
    ...(variables === undefined ? {} : { variables }),
    extensions: { persistedQuery: { version: 1, sha256Hash } },
  };
}
