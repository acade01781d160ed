import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';

export async function directiveRoutes(_app: FastifyInstance, _deps: { db: Db; config: Config }) {}
