import { sm3Hex } from '../../../shared/crypto';
import type { DisbursementAdapter, InstructionPurpose, InstructionStatus } from '../../../shared/domain/disbursement';
import { canonicalJson } from '../../../shared/encoding/canonical-json';
import type { BankReceiptDoc, BudgetLineDoc, PaymentInstructionDoc, PaymentRequestDoc } from '../db/schemas';
import { encryptField } from '../keyring/field-cipher';
import { last4 } from './identifiers';
import { dayText, EVENT_MINUTE, instantAt, type Day } from './calendar';
import type { DocSink } from './doc-sink';
import { bookPayment, reversePayment } from './ledger';
import type { RequestPlan, SeedContext } from './model';
import type { Prng } from './prng';

/** A request as the disbursement desk sees it: its documents and the line that pays it. */
export interface Payable {
  plan: RequestPlan;
  doc: PaymentRequestDoc;
  line: BudgetLineDoc;
}

/** One sending of a request's money: the first, or the second after a 退汇. */
interface Round {
  payable: Payable;
  batchDay: Day;
  /** the bank confirmed it (by the end of the data) */
  paidDay: Day | null;
  /** and later sent it back */
  returnDay: Day | null;
}

function adapterFor(line: BudgetLineDoc): DisbursementAdapter {
  // 财政资金 and 专项债 go through 国库集中支付; PPP and other money from the office's bank account
  return line.fundSource === 'fiscal' || line.fundSource === 'specialBond' ? 'treasury' : 'bank';
}

function roundsOf(p: Payable, asOfDay: Day): Round[] {
  const t = p.plan.timeline;
  if (p.plan.attempt || !['approved', 'in_payment', 'paid'].includes(p.plan.status) || t.batchDay > asOfDay) return [];
  const b = t.bankReturn;
  const first: Round = {
    payable: p,
    batchDay: t.batchDay,
    paidDay: t.receiptDay <= asOfDay ? t.receiptDay : null,
    returnDay: b && b.returnDay <= asOfDay ? b.returnDay : null,
  };
  if (!b || b.batchDay > asOfDay) return [first];
  return [first, { payable: p, batchDay: b.batchDay, paidDay: b.receiptDay <= asOfDay ? b.receiptDay : null, returnDay: null }];
}

interface Part {
  purpose: InstructionPurpose;
  amount: number;
  bankName: string;
  account: string;
}

/** R6: a works payment goes out as two transfers, the labour-cost part to the wage account. */
function partsOf(plan: RequestPlan): Part[] {
  const payee = plan.contract.payee;
  const labour = payee.wageAccount && payee.doc.wageBankName ? plan.labourAmount : 0;
  const parts: Part[] = [{ purpose: 'contractor', amount: plan.amount - labour, bankName: payee.doc.bankName, account: payee.bankAccount }];
  if (labour > 0 && payee.wageAccount && payee.doc.wageBankName) {
    parts.push({ purpose: 'wage', amount: labour, bankName: payee.doc.wageBankName, account: payee.wageAccount });
  }
  return parts;
}

function receipt(ctx: SeedContext, prng: Prng, instruction: PaymentInstructionDoc, part: Part, day: Day, direction: 'debit' | 'credit', adapter: DisbursementAdapter): BankReceiptDoc {
  const at = instantAt(day, EVENT_MINUTE.receipt + prng.int(0, 40));
  const id = ctx.ids.next();
  const bankRef = `${adapter === 'treasury' ? 'GK' : 'YH'}${dayText(day).replaceAll('-', '')}${String(ctx.counters.next('bankRef')).padStart(9, '0')}`;
  return {
    id,
    unitId: ctx.org.county.id,
    createdBy: prng.pick(ctx.org.byRole.cashier).id,
    createdAt: at,
    updatedAt: at,
    docType: 'bankReceipt',
    instructionId: instruction.id,
    direction,
    amount: part.amount,
    accountEnc: encryptField(part.account, ctx.dataKey, { collection: 'records', field: 'accountEnc', docId: id }),
    accountLast4: last4(part.account),
    accountName: instruction.payeeName,
    bankRef,
    valueDate: dayText(day),
    rawHash: sm3Hex(`camt.054|${bankRef}|${direction}|${part.amount}|${dayText(day)}|${instruction.idempotencyKey}`),
  };
}

/**
 * Instructions, bank receipts and vouchers for a district's approved requests, in the office's
 * batches (batch-book.ts): each instruction released once and matched to exactly one receipt;
 * every confirmed payment booked, every 退汇 reversed (红字冲销).
 */
export function emitDisbursement(ctx: SeedContext, prng: Prng, payables: readonly Payable[], sink: DocSink): void {
  const rounds = payables.flatMap((p) => roundsOf(p, ctx.asOfDay)).sort((a, b) => a.batchDay - b.batchDay);
  for (const round of rounds) {
    const { plan, doc, line } = round.payable;
    const adapter = adapterFor(line);
    const batch = ctx.batches.batchFor(round.batchDay, adapter, doc.id);
    const releasedAt = batch.releasedAt ?? batch.createdAt;
    const parts = partsOf(plan);
    for (const part of parts) {
      const id = ctx.ids.next();
      const status: InstructionStatus = round.returnDay !== null ? 'returned' : round.paidDay !== null ? 'paid' : 'sent';
      const instruction: PaymentInstructionDoc = {
        id,
        unitId: ctx.org.county.id,
        createdBy: batch.createdBy,
        createdAt: batch.createdAt,
        updatedAt: releasedAt,
        docType: 'paymentInstruction',
        batchId: batch.id,
        requestId: doc.id,
        purpose: part.purpose,
        payeeName: plan.contract.payee.doc.name,
        payeeBankName: part.bankName,
        payeeAccountEnc: encryptField(part.account, ctx.dataKey, { collection: 'payments', field: 'payeeAccountEnc', docId: id }),
        payeeAccountLast4: last4(part.account),
        amount: part.amount,
        idempotencyKey: `instr-${id}`,
        status,
        payloadHash: sm3Hex(canonicalJson({ id, batchId: batch.id, requestId: doc.id, purpose: part.purpose, amount: part.amount, account: part.account })),
        sentAt: releasedAt,
      };
      if (round.paidDay !== null) {
        const debit = receipt(ctx, prng, instruction, part, round.paidDay, 'debit', adapter);
        sink.add('records', debit);
        instruction.receiptId = debit.id;
        instruction.updatedAt = debit.createdAt;
        if (round.returnDay !== null) {
          const back = receipt(ctx, prng, instruction, part, round.returnDay, 'credit', adapter);
          sink.add('records', back);
          instruction.updatedAt = back.createdAt;
        }
      }
      ctx.batches.add(batch, instruction);
      sink.add('payments', instruction);
    }
    if (round.paidDay !== null) {
      const entry = bookPayment(ctx, prng, plan, doc, parts, adapter, round.paidDay, sink);
      if (round.returnDay !== null) reversePayment(ctx, prng, entry, doc.requestNo, round.returnDay, sink);
    }
  }
}
