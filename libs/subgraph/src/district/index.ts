export * from './bulk-insert.js';
export * from './generate-into-database.js';
export * from './generator-cli.js';
export * from './seed-generated-communities.js';
