import { generateSm2KeyPair } from '../../../shared/crypto';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import type { GovPayDatabase } from '../db/database';

export interface DeviceIdentity {
  deviceId: string;
  publicKey: string;
  privateKey: string;
}

const DEVICE_SETTING = 'device';

/**
 * The installation's identity: a time-ordered id and the SM2 key that signs its audit chain.
 * Made once, on the first open of the database.
 * (The private key is stored in the settings document; wrapping it with SM4 is the local-database
 * issue's field encryption.)
 */
export async function loadOrCreateDeviceIdentity(db: GovPayDatabase, clock: Clock): Promise<DeviceIdentity> {
  const existing = await db.settings.findOne(DEVICE_SETTING).exec();
  if (existing) {
    const value = existing.value as Partial<DeviceIdentity>;
    if (typeof value.deviceId === 'string' && typeof value.publicKey === 'string' && typeof value.privateKey === 'string') {
      return { deviceId: value.deviceId, publicKey: value.publicKey, privateKey: value.privateKey };
    }
    throw new Error('device identity setting is damaged');
  }
  const keys = generateSm2KeyPair();
  const identity: DeviceIdentity = { deviceId: newId(), publicKey: keys.publicKey, privateKey: keys.privateKey };
  const now = clock.now();
  await db.settings.insert({
    id: DEVICE_SETTING,
    unitId: '',
    value: { ...identity },
    createdBy: 'system',
    createdAt: now,
    updatedAt: now,
  });
  return identity;
}
