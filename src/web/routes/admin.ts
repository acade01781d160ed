/** The administration screens (settings, users, audit log, legal registry, province parameters, webhooks), loaded together as one chunk. */
export { AdminPage } from './AdminPage.tsx';
export { UsersPage } from './UsersPage.tsx';
export { AuditPage } from './AuditPage.tsx';
export { LegalPage } from './LegalPage.tsx';
export { ParametersPage } from './ParametersPage.tsx';
export { WebhooksPage } from './WebhooksPage.tsx';
