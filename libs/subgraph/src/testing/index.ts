export * from './test-subgraph.js';
export * from './create-migrations-cli.js';
export * from './test-event-publisher.js';
export * from './known-references.js';
export * from './counting-outbox.js';
export * from './inbox-migration-check.js';
export * from './test-communities.js';
export * from './demo-database.js';
