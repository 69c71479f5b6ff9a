export * from './roles.js';
export * from './territory.js';
export * from './mask.js';
export * from './errors.js';
export * from './people.js';
export * from './users.js';
export * from './cases.js';
export * from './party.js';
