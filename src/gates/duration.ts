// Durations live in src/shared (config, engine, gates and git all parse them); kept for the gates' imports.
export * from '../shared/duration.js';
