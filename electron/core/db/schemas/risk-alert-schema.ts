import { docTypeField, type EntitySchema } from './entity-schema';
import { RISK_SEVERITIES, RISK_STATES, type RiskSeverity, type RiskState } from '../../../../shared/domain/risk';
import { DOCUMENT_HEADER, enumOf, HEADER_REQUIRED, ID, text, TIMESTAMP, type DocumentHeader } from './schema-parts';

/** What an alert is about: e.g. { entity: 'contract', id }. */
export interface RiskSubject {
  entity: string;
  id: string;
}

/** How a person dealt with an alert; each disposition is also an audit event. */
export interface RiskDisposition {
  state: RiskState;
  comment: string;
  byUserId: string;
  byUserName: string;
  at: number;
}

/** 风险预警: raised by a detector of the risk engine, disposed by a risk officer. */
export interface RiskAlertDoc extends DocumentHeader {
  docType: 'riskAlert';
  /** detector name, e.g. budget.nearCeiling, sme.overdue */
  detector: string;
  /** detector + subject, so a detector that runs again does not raise the same alert twice */
  fingerprint: string;
  severity: RiskSeverity;
  title: string;
  subjects: RiskSubject[];
  /** the facts the detector saw, detector-specific */
  evidence: Record<string, unknown>;
  state: RiskState;
  dispositions: RiskDisposition[];
}

export const riskAlertSchema: EntitySchema<RiskAlertDoc> = {
  docType: 'riskAlert',
  description: '风险预警：风险检测规则产生的预警，含级别、涉及对象、证据、处置状态与处置记录',
  properties: {
    ...DOCUMENT_HEADER,
    docType: docTypeField('riskAlert'),
    detector: text(64, 1),
    fingerprint: text(128, 1),
    severity: enumOf(RISK_SEVERITIES),
    title: text(200, 1),
    subjects: {
      type: 'array',
      items: {
        type: 'object',
        properties: { entity: text(32, 1), id: ID },
        required: ['entity', 'id'],
        additionalProperties: false,
      },
      maxItems: 50,
    },
    evidence: { type: 'object' },
    state: enumOf(RISK_STATES),
    dispositions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          state: enumOf(RISK_STATES),
          comment: text(500),
          byUserId: ID,
          byUserName: text(40, 1),
          at: TIMESTAMP,
        },
        required: ['state', 'comment', 'byUserId', 'byUserName', 'at'],
        additionalProperties: false,
      },
    },
  },
  required: [...HEADER_REQUIRED, 'docType', 'detector', 'fingerprint', 'severity', 'title', 'subjects', 'evidence', 'state', 'dispositions'],
  // the risk inbox (open, most severe first); the de-duplication lookup
  indexes: [['state', 'severity', 'createdAt'], ['fingerprint']],
};
