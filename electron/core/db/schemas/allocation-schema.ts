import { docTypeField, type EntitySchema } from './entity-schema';
import { DOCUMENT_HEADER, HEADER_REQUIRED, ID, MONEY, type DocumentHeader } from './schema-parts';

/**
 * 额度分配: the part of a budget line a device may commit while offline (DESIGN.md, offline budget
 * safety). Σ allocations ≤ line amount is checked by the provincial server on every push.
 */
export interface AllocationDoc extends DocumentHeader {
  docType: 'allocation';
  budgetLineId: string;
  /** the device (installation) that holds this money */
  holderDeviceId: string;
  amount: number;
}

export const allocationSchema: EntitySchema<AllocationDoc> = {
  docType: 'allocation',
  description: '额度分配：预算指标分配给某台设备可离线使用的额度（金额以分计）',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('allocation'),
    budgetLineId: ID,
    holderDeviceId: ID,
    amount: MONEY,
  },
  required: [...HEADER_REQUIRED, 'docType', 'budgetLineId', 'holderDeviceId', 'amount'],
  // all allocations of a line (the Σ check); what this device holds of a line
  indexes: [['budgetLineId'], ['holderDeviceId', 'budgetLineId']],
};
