/** The register of outgoing documents: its public surface. Tables first (see ARCHITECTURE.md). */
export { documentFrame, issuedReferences } from './frame.ts';
export { registerDocumentSubject } from './subjects.ts';
export { outgoingRoutes } from './routes.ts';
