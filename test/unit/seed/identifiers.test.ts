import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBankAccount, validateEInvoiceNumber, validateUscc } from '../../../shared/validators';
import { companyUscc, corporateAccount, governmentUscc, InvoiceNumbers } from '../../../electron/core/seed/identifiers';
import { Prng } from '../../../electron/core/seed/prng';

describe('generated identifiers pass the validators every form applies', () => {
  it('统一社会信用代码 of offices and companies', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const p = new Prng(seed);
        const office = governmentUscc(p, '350723');
        const company = companyUscc(p, '350100');
        expect(validateUscc(office)).toEqual({ ok: true, value: office });
        expect(validateUscc(company)).toEqual({ ok: true, value: company });
        expect(office.slice(0, 8)).toBe('11350723');
        expect(company.slice(0, 10)).toBe('91350100MA');
      }),
    );
  });

  it('bank account numbers', () => {
    const p = new Prng('acct');
    for (let i = 0; i < 200; i += 1) expect(validateBankAccount(corporateAccount(p)).ok).toBe(true);
  });

  it('e-invoice numbers: 20 digits, never repeated in a run', () => {
    const invoices = new InvoiceNumbers('35', new Prng('inv'));
    const made = Array.from({ length: 20_000 }, (_, i) => invoices.next(2024 + (i % 3)));
    for (const no of made.slice(0, 200)) expect(validateEInvoiceNumber(no)).toEqual({ ok: true, value: no });
    expect(new Set(made).size).toBe(made.length);
    expect(made[0]?.slice(2, 4)).toBe('35');
  });
});
