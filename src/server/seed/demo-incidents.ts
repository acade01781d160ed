import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';

/** Demo incidents for the demo province (filled by the incidents module). */
export async function seedDemoIncidents(_tx: Tx, _r: Random): Promise<number> {
  return 0;
}
