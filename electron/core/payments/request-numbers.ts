import type { GovPayDatabase } from '../db/database';
import type { PaymentRequestDoc } from '../db/schemas';

/** `ZF-2026-000123`: the seed's format, so seeded and new requests read alike. */
export function formatRequestNo(year: number, serial: number): string {
  return `ZF-${year}-${String(serial).padStart(6, '0')}`;
}

function counterId(unitId: string, year: number): string {
  return `requestNo:${unitId}:${year}`;
}

/**
 * The next 申请编号 of an office and year. The counter lives in `settings` so a new number costs
 * one read and one write instead of a scan; the first number of a year starts after the highest
 * one already in the database (seeded or synced requests), found by one scan per office-year.
 * Must run inside the caller's unit of work: the number and the request commit together, and
 * the write lock keeps two drafts from drawing the same number.
 */
export async function nextRequestNo(db: GovPayDatabase, unitId: string, year: number, actorId: string, now: number): Promise<string> {
  const id = counterId(unitId, year);
  const counter = await db.settings.findOne(id).exec();
  let last: number;
  if (counter) {
    last = Number(counter.toJSON().value.last ?? 0);
  } else {
    const prefix = `ZF-${year}-`;
    const docs = await db.payments.find({ selector: { docType: 'paymentRequest', unitId } }).exec();
    last = 0;
    for (const rx of docs) {
      const no = (rx.toJSON() as PaymentRequestDoc).requestNo;
      if (no.startsWith(prefix)) last = Math.max(last, Number(no.slice(prefix.length)) || 0);
    }
  }
  const next = last + 1;
  if (counter) await counter.incrementalPatch({ value: { last: next }, updatedAt: now });
  else await db.settings.insert({ id, unitId, value: { last: next }, createdBy: actorId, createdAt: now, updatedAt: now });
  return formatRequestNo(year, next);
}
