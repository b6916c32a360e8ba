import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovPayDatabase } from '../../../electron/core/db/database';
import { freshSample } from '../../fixtures/db/sample-docs';
import { openTestDatabase, tempDir } from '../../fixtures/db/temp-database';

/**
 * The attachment schema's additive field `purpose` (what a file proves): optional, so metadata
 * written before it (the seed's evidence bundles) stays valid; when present, a plain word.
 */
const tmp = tempDir();
let db: GovPayDatabase;
beforeAll(async () => {
  db = await openTestDatabase(tmp.dir);
});
afterAll(async () => {
  await db.close();
  tmp.cleanup();
});

describe('attachment.purpose (added optional field)', () => {
  it('a document without purpose is still valid', async () => {
    const doc = freshSample('attachment');
    expect('purpose' in doc).toBe(false);
    await expect(db.records.insert(doc)).resolves.toBeDefined();
  });

  it('a document with a known purpose is valid; anything else is refused', async () => {
    await expect(db.records.insert({ ...freshSample('attachment'), purpose: 'progressCertificate' })).resolves.toBeDefined();
    const unknown = (purpose: string) => ({ ...freshSample('attachment'), purpose }) as unknown as Parameters<typeof db.records.insert>[0];
    await expect(db.records.insert(unknown('../etc'))).rejects.toThrow();
    await expect(db.records.insert(unknown(''))).rejects.toThrow();
    await expect(db.records.insert(unknown('holidayPhotos'))).rejects.toThrow();
  });
});
