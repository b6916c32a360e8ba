export * from './position';
export * from './threshold';
export * from './commit-check';
export * from './line-rules';
export * from './import-rows';
