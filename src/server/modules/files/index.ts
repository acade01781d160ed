/** The files module's public surface: the uploaded files others attach to their records. Tables and SQL first (see ARCHITECTURE.md). */
export { files } from './schema.ts';
export { attachmentCount, attachmentsOf } from './attachments.ts';
export { ATTACHMENT_TYPES, moveAttachments, readFileFor, saveFile, storeFile } from './service.ts';
export { fileRoutes } from './routes.ts';
