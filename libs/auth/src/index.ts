export * from './principal.js';
export * from './masking.js';
