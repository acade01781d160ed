/**
 * The documents the register numbers. Each module that produces an official document registers how to find, for
 * the actor, the agency that issues it, its type and its subject; a document the actor may not see is 404.
 *
 *   registerDocumentSubject('dossier', async (db, actor, id) => ({ agencyId, documentType: 'to_trinh', subject }));
 */
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import type { DocumentType } from '../../../shared/documents/numbering.ts';
import type { DocumentSubject } from '../../../shared/documents/schemas.ts';

export type SubjectInfo = { agencyId: number; documentType: DocumentType; subject: string };
type Resolver = (db: Queryable, actor: Actor, id: number) => Promise<SubjectInfo>;

const resolvers = new Map<DocumentSubject, Resolver>();

export function registerDocumentSubject(kind: DocumentSubject, resolve: Resolver) {
  resolvers.set(kind, resolve);
}

export function resolveSubject(db: Queryable, actor: Actor, kind: DocumentSubject, id: number): Promise<SubjectInfo> {
  const resolve = resolvers.get(kind);
  if (!resolve) throw new Error(`no document subject ${kind}`);
  return resolve(db, actor, id);
}
