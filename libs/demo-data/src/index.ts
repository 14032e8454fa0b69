export * from './seeded-random.js';
export * from './demo-id.js';
export * from './chinese-names.js';
export * from './demo-community.js';
export * from './demo-care.js';
export * from './demo-organizations.js';
export * from './demo-calendar.js';
export * from './district/index.js';
