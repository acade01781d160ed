/** The systems screens (register, system, dossier, approval queue), loaded together as one chunk. */
export { SystemsPage } from './SystemsPage.tsx';
export { SystemPage } from './SystemPage.tsx';
export { DossierPage } from './DossierPage.tsx';
export { ApprovalsPage } from './ApprovalsPage.tsx';
