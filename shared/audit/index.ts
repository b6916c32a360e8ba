export * from './event-hash';
export * from './head-checkpoint';
export * from './verify-chain';
