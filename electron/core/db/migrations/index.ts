export * from './collection-migration';
export * from './registry';
export * from './run-migrations';
export * from './users-v1-key-history';
