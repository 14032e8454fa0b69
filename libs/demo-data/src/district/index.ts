export * from './siming-streets.js';
export * from './district-plan.js';
export * from './district-communities.js';
