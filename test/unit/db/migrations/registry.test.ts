import { describe, expect, it } from 'vitest';
import { defineMigration, MIGRATIONS, migrationStrategiesFor } from '../../../../electron/core/db/migrations';
import { FROZEN_SCHEMAS, RELEASE_0_SCHEMAS } from '../../../../electron/core/db/migrations/frozen';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS } from '../../../../electron/core/db/schemas';

const step = (toVersion: number) => defineMigration({ collection: 'contracts', toVersion, description: 'test', migrate: (doc: object) => doc });

describe('migration registry', () => {
  it('gives every collection one strategy per version step, and v0 collections none', () => {
    for (const name of COLLECTION_NAMES) {
      const { version } = COLLECTION_SCHEMAS[name];
      const strategies = migrationStrategiesFor(name, version);
      expect(Object.keys(strategies).map(Number), name).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    }
  });

  it('refuses a missing, doubled or out-of-range step, so a version bump cannot ship without its migration', () => {
    expect(() => migrationStrategiesFor('contracts', 2, [step(1)])).toThrow(/no migration to v2/);
    expect(() => migrationStrategiesFor('contracts', 1, [step(1), step(1)])).toThrow(/two migrations/);
    expect(() => migrationStrategiesFor('contracts', 1, [step(2)])).toThrow(/does not fit/);
    expect(Object.keys(migrationStrategiesFor('contracts', 2, [step(2), step(1)]))).toEqual(['1', '2']);
  });

  it('lists only known collections, each migration once', () => {
    const keys = MIGRATIONS.map((m) => `${m.collection}@${m.toVersion}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of MIGRATIONS) expect(COLLECTION_NAMES).toContain(m.collection);
  });

  it('has a frozen copy of every earlier version of every collection', () => {
    for (const name of COLLECTION_NAMES) {
      for (let version = 0; version < COLLECTION_SCHEMAS[name].version; version++) {
        expect(FROZEN_SCHEMAS[name]?.[version], `${name} v${version}`).toBeDefined();
      }
    }
  });

  it('a schema still at a frozen version is identical to its frozen copy (no change without a version bump)', () => {
    for (const name of COLLECTION_NAMES) {
      const current = COLLECTION_SCHEMAS[name];
      const frozen = FROZEN_SCHEMAS[name]?.[current.version];
      if (frozen) expect(JSON.parse(JSON.stringify(current)), name).toEqual(JSON.parse(JSON.stringify(frozen)));
    }
    expect(Object.values(RELEASE_0_SCHEMAS).every((s) => s.version === 0)).toBe(true);
  });
});
