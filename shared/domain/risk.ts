/** 风险预警级别. */
export const RISK_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

export const RISK_SEVERITY_LABELS: Record<RiskSeverity, string> = {
  info: '提示',
  warning: '警告',
  critical: '严重',
};

/** 预警处置状态; every move is a disposition in the audit chain. */
export const RISK_STATES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;
export type RiskState = (typeof RISK_STATES)[number];

export const RISK_STATE_LABELS: Record<RiskState, string> = {
  open: '待处理',
  acknowledged: '已确认',
  resolved: '已处置',
  dismissed: '已排除',
};
