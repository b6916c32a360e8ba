export * from './attachment-types';
export * from './evidence';
export * from './payment-policy';
export * from './request-rules';
export * from './templates';
