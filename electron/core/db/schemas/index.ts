export * from './unit-schema';
export * from './user-schema';
export * from './session-schema';
export * from './audit-event-schema';
export * from './setting-schema';
