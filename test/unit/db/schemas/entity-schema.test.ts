import { describe, expect, it } from 'vitest';
import { composeCollectionSchema, docTypeField, type AnyEntitySchema } from '../../../../electron/core/db/schemas/entity-schema';
import { DOCUMENT_HEADER, HEADER_REQUIRED } from '../../../../electron/core/db/schemas/schema-parts';

const alpha: AnyEntitySchema = {
  docType: 'alpha',
  description: '甲',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('alpha'),
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 6 },
    amount: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    note: { type: 'string', maxLength: 10 },
  },
  required: [...HEADER_REQUIRED, 'docType', 'status', 'amount'],
  indexes: [['status', 'createdAt'], ['amount']],
};
const beta: AnyEntitySchema = {
  docType: 'beta',
  description: '乙',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('beta'),
    status: { type: 'string', enum: ['draft', 'submitted'], maxLength: 9 },
    amount: { type: 'integer', minimum: 1, maximum: 500, multipleOf: 1 },
    voucherNo: { type: 'string', maxLength: 32 },
  },
  required: [...HEADER_REQUIRED, 'docType', 'status', 'voucherNo'],
  indexes: [['status', 'createdAt'], ['voucherNo']],
};

describe('composeCollectionSchema', () => {
  const schema = composeCollectionSchema<unknown>({ title: 'things', description: '测试', version: 3, members: [alpha, beta] });

  it('is a closed RxDB schema with the common header required', () => {
    expect(schema).toMatchObject({ title: 'things', version: 3, primaryKey: 'id', type: 'object', additionalProperties: false });
    expect(schema.required).toEqual([...HEADER_REQUIRED, 'docType']);
  });

  it('lists every field at the top; shared fields get the loosest bounds so RxDB can index them', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['amount', 'createdAt', 'createdBy', 'docType', 'id', 'note', 'status', 'unitId', 'updatedAt', 'voucherNo']);
    const props = schema.properties as Record<string, unknown>;
    expect(props.docType).toEqual({ type: 'string', enum: ['alpha', 'beta'], maxLength: 5 });
    expect(props.status).toEqual({ type: 'string', maxLength: 9, enum: ['open', 'closed', 'draft', 'submitted'] });
    expect(props.amount).toEqual({ type: 'integer', minimum: 0, maximum: 500, multipleOf: 1 });
    expect(props.note).toEqual({ type: 'string', maxLength: 10 });
  });

  it('prefixes each entity index with docType and keeps a shared one once', () => {
    expect(schema.indexes).toEqual([
      ['docType', 'status', 'createdAt'],
      ['docType', 'amount'],
      ['docType', 'voucherNo'],
    ]);
  });

  it('keeps each entity’s exact rules in its own branch', () => {
    const branches = (schema as unknown as { allOf: { if: unknown; then: { required: string[]; propertyNames: { enum: string[] } } }[] }).allOf;
    expect(branches).toHaveLength(2);
    expect(branches[1]?.if).toEqual({ properties: { docType: { const: 'beta' } } });
    expect(branches[1]?.then.required).toEqual(beta.required);
    expect(branches[1]?.then.propertyNames.enum).toEqual([...Object.keys(beta.properties), '_deleted', '_rev', '_meta', '_attachments']);
  });

  it('refuses two entities with one docType', () => {
    expect(() => composeCollectionSchema({ title: 'x', description: 'x', version: 0, members: [alpha, alpha] })).toThrow(/twice/);
  });
});
