import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The typed client: TypeScript types and typed documents for the front ends' operations (operations/**),
 * checked against the supergraph's API schema (gateway/api-schema.graphql, written by the gateway's build).
 * A schema change that breaks a front end's operation fails this step, so it fails the build. The persisted
 * documents manifest (sha256 → document) is what the gateway lets front-end roles run in production.
 */
const config: CodegenConfig = {
  schema: '../../gateway/api-schema.graphql',
  documents: ['operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        gqlTagName: 'graphql',
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
