import type { Tx } from '../db/client.ts';
import type { Random } from './random.ts';

/** Demo indicators for the demo province (filled by the indicators module). */
export async function seedDemoIndicators(_tx: Tx, _r: Random): Promise<number> {
  return 0;
}
