import 'reflect-metadata';

export * from './scalars.js';
export * from './vocabulary-enum.js';
export * from './federated-schema.js';
export * from './chinese-descriptions.js';
export * from './graphql-errors.js';
export * from './connection.js';
export * from './loaders.js';
export * from './clock.js';
export * from './periodic-task.js';
export * from './service-config.js';
export * from './context.js';
export * from './access/personal-data-reader.js';
export * from './access/pii-audit-entry.js';
export * from './access/community-scope.js';
export * from './subgraph-service.js';
export * from './print-schema.js';
export * from './access/api-key-projection.js';
