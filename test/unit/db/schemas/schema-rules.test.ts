import { describe, expect, it } from 'vitest';
import type { JsonSchema } from 'rxdb';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  DOC_TYPE_COLLECTIONS,
  ENTITY_SCHEMAS,
  MAX_STORED_FEN,
  type AnyEntitySchema,
  type DocType,
} from '../../../../electron/core/db/schemas';

/** Fields that hold money, by name: each must be integer fen within the stored bounds. */
const MONEY_FIELD = /^(amount|labourAmount|totalAmount|undisputedAmount|disputedAmount|certifiedValue|cumulativeCertified|debit|credit|monthlyPlan)$/u;
const CJK = /[\u4e00-\u9fff]/u;

/** Walks a property schema, calling back with each named field. */
function walk(name: string, part: JsonSchema, visit: (name: string, part: JsonSchema) => void): void {
  visit(name, part);
  for (const [child, sub] of Object.entries(part.properties ?? {})) walk(child, sub, visit);
  if (part.items && !Array.isArray(part.items)) walk(name, part.items as JsonSchema, visit);
}

/** Optional top-level fields, each with the reason it is optional rather than null. */
const OPTIONAL: Record<string, string[]> = {
  budgetLine: ['monthlyPlan'], // DOMAIN.md: monthlyPlan?
  milestone: ['dueDate'], // indexed for reminders
  paymentInstruction: ['receiptId'], // indexed: one receipt, one instruction
  bankReceipt: ['instructionId'], // indexed for reconciliation
  ledgerEntry: ['projectId', 'contractId', 'requestId', 'reversesId'], // indexed
  contract: ['category', 'budgetLineId', 'endDate', 'signedBy', 'document'], // added after v0; seeded contracts predate them
  contractChange: ['toVersion', 'decisionIds', 'appliedAt', 'attachmentId'], // added after v0; seeded changes predate them
  approvalDecision: ['onBehalfOf'], // only when a delegate signs (委托审批)
  attachment: ['purpose'], // added after v0; seeded evidence bundles have none
};

const DOC_TYPES = Object.keys(ENTITY_SCHEMAS) as DocType[];

/** Any entity's schema as plain data (the union of their precise types is not indexable). */
function entity(docType: DocType): AnyEntitySchema {
  return ENTITY_SCHEMAS[docType];
}

describe('house rules every entity schema keeps', () => {
  it.each(DOC_TYPES)('%s: money is integer fen, bounded, never a float', (docType) => {
    const found: string[] = [];
    for (const [name, part] of Object.entries(entity(docType).properties)) {
      walk(name, part, (field, sub) => {
        if (!MONEY_FIELD.test(field) || sub.type === 'array' || sub.type === 'object') return;
        found.push(field);
        expect(sub.type, field).toBe('integer');
        expect(sub.multipleOf, field).toBe(1);
        expect(sub.minimum, field).toBeGreaterThanOrEqual(0);
        expect(sub.maximum, field).toBe(MAX_STORED_FEN);
      });
    }
    expect(MAX_STORED_FEN * 10).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    if (['project', 'counterparty', 'milestone', 'riskAlert', 'approvalDecision', 'attachment', 'decisionTable'].includes(docType)) expect(found).toEqual([]);
    else expect(found.length, docType).toBeGreaterThan(0);
  });

  it.each(DOC_TYPES)('%s: carries the document header, its docType, a Chinese description', (docType) => {
    const schema = entity(docType);
    for (const field of ['id', 'unitId', 'createdBy', 'createdAt', 'updatedAt', 'docType']) expect(schema.required).toContain(field);
    expect(schema.properties.id).toEqual({ type: 'string', maxLength: 36 });
    expect(schema.properties.docType).toEqual({ type: 'string', enum: [docType], maxLength: docType.length });
    expect(schema.description).toMatch(CJK);
  });

  it.each(DOC_TYPES)('%s: every field is required, or optional for a stated reason', (docType) => {
    const schema = entity(docType);
    const optional = Object.keys(schema.properties).filter((name) => !schema.required.includes(name));
    expect(optional.sort()).toEqual([...(OPTIONAL[docType] ?? [])].sort());
  });

  it.each(DOC_TYPES)('%s: indexes only single-typed, bounded fields', (docType) => {
    const schema = entity(docType);
    expect(schema.indexes.length).toBeGreaterThan(0);
    for (const field of schema.indexes.flat()) {
      const part = schema.properties[field];
      expect(part, field).toBeDefined();
      expect(['string', 'integer', 'boolean'], field).toContain(part?.type);
      if (part?.type === 'string') expect(part.maxLength, field).toBeLessThanOrEqual(128);
      if (part?.type === 'integer') expect([part.minimum, part.maximum, part.multipleOf].every((v) => v !== undefined), field).toBe(true);
    }
  });

  it.each(DOC_TYPES)('%s: status-like fields are enums short enough to index', (docType) => {
    for (const [name, part] of Object.entries(entity(docType).properties)) {
      if (!/^(status|state|kind|type|severity|decision|hitPolicy|purpose|direction|adapter|fundSource|subject|dueRule)$/u.test(name)) continue;
      expect(part.enum, name).toBeDefined();
      expect(part.maxLength, name).toBe(Math.max(...(part.enum as string[]).map((v) => v.length)));
    }
  });
});

describe('collections', () => {
  it('stay well below the 13 collections open-source RxDB opens per process', () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(11);
    expect(Object.keys(COLLECTION_SCHEMAS).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  it('each hold the entities the layout says, and every entity lives in exactly one', () => {
    for (const name of COLLECTION_NAMES) {
      const schema = COLLECTION_SCHEMAS[name];
      expect(schema.title).toBe(name);
      expect(schema.additionalProperties).toBe(false);
      expect(Number.isInteger(schema.version) && schema.version >= 0).toBe(true);
      expect(schema.description).toMatch(CJK);
      const docTypes = (schema.properties as Record<string, JsonSchema>).docType?.enum ?? [];
      expect(docTypes.slice().sort(), name).toEqual(DOC_TYPES.filter((t) => DOC_TYPE_COLLECTIONS[t] === name).sort());
    }
  });
});
