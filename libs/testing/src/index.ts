export * from './free-port.js';
export * from './wait-for.js';
export * from './temp-dir.js';
export * from './child-process.js';
export * from './nats-server.js';
export * from './postgres-server.js';
export * from './test-database.js';
export * from './chromium.js';
