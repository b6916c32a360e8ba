import type { GovPayDatabase } from '../db/database';

/** Settings document that marks a database as generated (never written by a normal first run). */
export const SEED_SETTING = 'seed';

/** Settings document that marks the installation as the demo office (体验数据). */
export const DEMO_SETTING = 'demo';

export interface SeedSettingValue {
  generated: true;
  purpose: 'cli' | 'demo';
  seed: string;
  scale: number;
  asOf: string;
  adminLogin: string;
  note: string;
  counts: Record<string, number>;
}

export interface DemoSettingValue {
  createdAt: number;
  /** set when an administrator asked for the demo to be removed at the next start */
  removalRequestedAt?: number;
  removalRequestedBy?: { id: string; name: string };
}

export async function readDemoSetting(db: GovPayDatabase): Promise<DemoSettingValue | null> {
  const doc = await db.settings.findOne(DEMO_SETTING).exec();
  if (!doc) return null;
  const value = doc.value as Partial<DemoSettingValue>;
  return typeof value.createdAt === 'number' ? (value as DemoSettingValue) : null;
}
