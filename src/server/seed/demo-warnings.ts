import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';

/** Demo warnings for the demo province (filled by the warnings module). */
export async function seedDemoWarnings(_tx: Tx, _r: Random): Promise<number> {
  return 0;
}
