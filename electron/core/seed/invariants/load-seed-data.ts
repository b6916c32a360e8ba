import type { RxCollection } from 'rxdb';
import type { GovPayDatabase } from '../../db/database';
import type { AuditEventDoc, CollectionName, DocType, EntityDocs, SettingDoc, UnitDoc, UserDoc } from '../../db/schemas';
import { DOC_TYPE_COLLECTIONS } from '../../db/schemas';

/** Everything the invariant checks read, as plain documents grouped by entity. */
export type SeedData = { [K in DocType]: EntityDocs[K][] } & {
  units: UnitDoc[];
  users: UserDoc[];
  auditEvents: AuditEventDoc[];
  settings: SettingDoc[];
};

const PAGE = 20_000;

/** Reads a collection page by page (by id), so no query holds the whole collection at once. */
async function readAll<T>(collection: RxCollection, selector: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const query: Record<string, unknown> = after === null ? selector : { ...selector, id: { $gt: after } };
    const page: { toJSON(): unknown; primary: string }[] = await collection.find({ selector: query, sort: [{ id: 'asc' }], limit: PAGE }).exec();
    for (const doc of page) out.push(doc.toJSON() as T);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return out;
    after = last.primary;
  }
}

export async function loadSeedData(db: GovPayDatabase): Promise<SeedData> {
  const byType = {} as { [K in DocType]: EntityDocs[K][] };
  for (const [docType, name] of Object.entries(DOC_TYPE_COLLECTIONS) as [DocType, CollectionName][]) {
    (byType as Record<string, unknown[]>)[docType] = await readAll(db.collections[name] as RxCollection, { docType });
  }
  return {
    ...byType,
    units: await readAll(db.units as RxCollection, {}),
    users: await readAll(db.users as RxCollection, {}),
    auditEvents: await readAll(db.auditevents as RxCollection, {}),
    settings: await readAll(db.settings as RxCollection, {}),
  };
}

/** Groups by a key, keeping the order of the input. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
