import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';

/** Demo directives for the demo province (filled by the directives module). */
export async function seedDemoDirectives(_tx: Tx, _r: Random): Promise<number> {
  return 0;
}
