// The secret mask lives in src/shared so gates and git mask without importing the report layer.
export * from '../shared/secrets.js';
