/** The parameters module's public surface: the province's targets, deadlines and intervals in effect on a day. */
export { parameterSql } from './sql.ts';
export { parameterPeriods, parametersAt } from './service.ts';
export { parameterRoutes } from './routes.ts';
