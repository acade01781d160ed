/** The audit module's public surface: every change records itself here. Tables and SQL first (see ARCHITECTURE.md). */
export { auditLog } from './schema.ts';
export { recordAudit, recordAudits, verifyAuditChain, type AuditChange } from './service.ts';
export { auditHead } from './head.ts';
export { auditRoutes } from './routes.ts';
