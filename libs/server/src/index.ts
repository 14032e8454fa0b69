export * from './logger.js';
export * from './request-id.js';
export * from './port-in-use.js';
export * from './metrics.js';
export * from './http-service.js';
export * from './parent-watch.js';
export * from './query-limits.js';
export * from './query-safety-plugin.js';
