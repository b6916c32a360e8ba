import { docTypeField, type EntitySchema } from './entity-schema';
import { CERTIFICATE_STATUSES, type CertificateStatus } from '../../../../shared/domain/contract';
import { DATE, DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, ID, ID_LIST, MONEY, PERIOD, text, type DocumentHeader } from './schema-parts';

/** 计量/进度确认: certified work value of a period; confirmed ones cap progress payments (R4). */
export interface ProgressCertificateDoc extends DocumentHeader {
  docType: 'progressCertificate';
  contractId: string;
  /** 计量期, YYYY-MM */
  period: string;
  /** value of the work certified in this period, 分 */
  certifiedValue: number;
  /** value certified from the start up to and including this period, 分 */
  cumulativeCertified: number;
  /** 确认日期 */
  certifiedAt: string;
  /** who certified: 监理单位 / 跟踪审计 */
  certifiedByName: string;
  attachmentIds: string[];
  status: CertificateStatus;
}

export const progressCertificateSchema: EntitySchema<ProgressCertificateDoc> = {
  docType: 'progressCertificate',
  description: '计量/进度确认：每期确认的完成产值与累计产值（分），作为进度款支付上限的依据',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('progressCertificate'),
    contractId: ID,
    period: PERIOD,
    certifiedValue: MONEY,
    cumulativeCertified: MONEY,
    certifiedAt: DATE,
    certifiedByName: text(100, 1),
    attachmentIds: ID_LIST,
    status: enumOf(CERTIFICATE_STATUSES),
  },
  required: [
    ...HEADER_REQUIRED,
    'docType',
    'contractId',
    'period',
    'certifiedValue',
    'cumulativeCertified',
    'certifiedAt',
    'certifiedByName',
    'attachmentIds',
    'status',
  ],
  // the latest confirmed certificate of a contract (the R4 cap)
  indexes: [['contractId', 'status', 'period']],
};
