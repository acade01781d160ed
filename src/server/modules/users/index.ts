/** The users module's public surface: accounts, their names for others' lists, reminder recipients. Tables and SQL first (see ARCHITECTURE.md). */
export { users } from './schema.ts';
export { usersOf, usersUnder } from './recipients.ts';
export { linkDirectory, provisionSsoUser, recordSignIn, setLocale, setOwnPassword } from './account.ts';
export { managedServiceAccount, managesServiceAccount } from './service.ts';
export { userRoutes } from './routes.ts';
