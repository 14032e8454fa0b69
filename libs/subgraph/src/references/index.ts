export * from './reference-projection.js';
export * from './apply-reference.js';
export * from './reference-check.js';
export * from './reference-consumer.js';
export * from './reference-sync.js';
export * from './community-registry.js';
export * from './hold-unregistered.js';
export * from './resident-facts.js';
