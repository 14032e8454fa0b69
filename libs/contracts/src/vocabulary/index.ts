export * from './vocabulary.js';
export * from './people.js';
export * from './cases.js';
export * from './party.js';
export * from './activities.js';
export * from './fund.js';
