import type { MilestoneKind } from '../domain/payment-kind';
import { daysBetween } from './calendar-days';
import type { ContractPolicy } from './contract-policy';

/** An open milestone with a known due date, with the facts a reminder shows. */
export interface DueItem {
  milestoneId: string;
  contractId: string;
  contractCode: string;
  contractName: string;
  counterpartyName: string;
  isSme: boolean;
  kind: MilestoneKind;
  name: string;
  dueDate: string;
}

/**
 * overdue / nearDue: R1 (pay within the agreed term of acceptance); retentionEnding: R5 (the
 * defect-liability period ends soon, release the retention); retentionDue: it has ended.
 */
export type ReminderKind = 'overdue' | 'nearDue' | 'retentionDue' | 'retentionEnding';

export interface Reminder extends DueItem {
  reminder: ReminderKind;
  /** days from today to the due date (negative when past) */
  daysLeft: number;
}

const ORDER: Record<ReminderKind, number> = { overdue: 0, nearDue: 1, retentionDue: 2, retentionEnding: 3 };

/** The items a person must act on today, most urgent first; everything else is left out. */
export function classifyReminders(items: readonly DueItem[], today: string, policy: ContractPolicy): Reminder[] {
  const out: Reminder[] = [];
  for (const item of items) {
    const daysLeft = daysBetween(today, item.dueDate);
    let reminder: ReminderKind | null = null;
    if (item.kind === 'retention') {
      if (daysLeft < 0) reminder = 'retentionDue';
      else if (daysLeft <= policy.retentionNoticeDays) reminder = 'retentionEnding';
    } else if (daysLeft < 0) reminder = 'overdue';
    else if (daysLeft <= policy.nearDueDays) reminder = 'nearDue';
    if (reminder) out.push({ ...item, reminder, daysLeft });
  }
  return out.sort((a, b) => ORDER[a.reminder] - ORDER[b.reminder] || a.daysLeft - b.daysLeft || a.contractCode.localeCompare(b.contractCode));
}
