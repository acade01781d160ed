export * from '../modules/agencies/schema.ts';
export * from '../modules/users/schema.ts';
export * from '../modules/audit/schema.ts';
export * from '../modules/files/schema.ts';
export * from '../modules/systems/schema.ts';
export * from '../modules/dossiers/schema.ts';
export * from '../modules/requirements/schema.ts';
