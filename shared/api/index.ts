export * from './envelope';
export * from './method-spec';
export * from './common-schemas';
export * from './contract';
export * from './topics';
export * from './wire';
export * from './bridge';
export { sessionInfoSchema, securityPolicySchema, type SessionInfo, type SecurityPolicy } from './methods/auth-methods';
export { auditEventViewSchema, chainReportSchema, type AuditEventView, type ChainReportView } from './methods/audit-methods';
