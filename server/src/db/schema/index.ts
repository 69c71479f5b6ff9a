export * from './territory.js';
export * from './people.js';
export * from './system.js';
