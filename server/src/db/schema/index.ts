export * from './territory.js';
export * from './people.js';
export * from './system.js';
export * from './cases.js';
export * from './notify.js';
export * from './party.js';
export * from './assessment.js';
export * from './emergency.js';
