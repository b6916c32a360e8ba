import type { StatusTone } from '../../components/StatusChip';
import type { RequestStatus } from '../../../../shared/domain/payment-request-status';

/** Chip tone per request status; the chip always carries the status text as well. */
export const REQUEST_STATUS_TONE: Record<RequestStatus, StatusTone> = {
  draft: 'neutral',
  submitted: 'busy',
  approved: 'ok',
  in_payment: 'busy',
  paid: 'ok',
  withdrawn: 'neutral',
  rejected: 'bad',
};

/** Yuan text from 分 for an input field (no grouping, so it parses back unchanged). */
export function yuanInput(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
