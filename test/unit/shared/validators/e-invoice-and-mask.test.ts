import { describe, expect, it } from 'vitest';
import { maskAccount, maskIdCard, validateEInvoiceNumber } from '../../../../shared/validators';

describe('validateEInvoiceNumber', () => {
  const fail = (message: string) => ({ ok: false, code: 'INVALID_E_INVOICE', message });

  it('accepts exactly 20 digits, normalising spaces and full-width digits', () => {
    expect(validateEInvoiceNumber('24442000000123456789')).toEqual({ ok: true, value: '24442000000123456789' });
    expect(validateEInvoiceNumber(' 2444 2000 0001 2345 6789 ')).toEqual({ ok: true, value: '24442000000123456789' });
    expect(validateEInvoiceNumber('２４４４２００００００１２３４５６７８９')).toEqual({ ok: true, value: '24442000000123456789' });
  });

  it.each([
    ['', '请输入电子发票号码'],
    ['2444200000012345678', '电子发票号码应为20位数字，当前为19位'],
    ['244420000001234567890', '电子发票号码应为20位数字，当前为21位'],
    ['12345678', '电子发票号码应为20位数字，当前为8位'], // an old-style 8-digit 发票号码
    ['2444200000012345678A', '电子发票号码只能包含数字'],
    ['24442000-00123456789', '电子发票号码只能包含数字'],
  ])('%j → %s', (input, message) => {
    expect(validateEInvoiceNumber(input)).toEqual(fail(message));
  });
});

describe('maskAccount', () => {
  it.each([
    ['6222021234567890123', '**** **** 0123'],
    ['6222 0212 3456 7890', '**** **** 7890'],
    ['11001234567890123456', '**** **** 3456'],
    ['12345', '**** **** 2345'],
    ['1234', '****'],
    ['', '****'],
  ])('%j → %s', (input, masked) => {
    expect(maskAccount(input)).toBe(masked);
  });

  it('does not reveal the length of the hidden part', () => {
    expect(maskAccount('123456789').length).toBe(maskAccount('123456789012345678901234567890').length);
  });
});

describe('maskIdCard', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['11010519491231002x', '110***********002X'],
    ['110105491231002', '****1002'], // not 18 long: only the last 4
    ['123', '****'],
  ])('%j → %s', (input, masked) => {
    expect(maskIdCard(input)).toBe(masked);
  });

  it('always hides the birth date', () => {
    expect(maskIdCard('11010519491231002X')).not.toContain('1949');
  });
});
