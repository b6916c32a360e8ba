import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, validateBankAccount } from '../../../../shared/validators';

/** Independent Luhn completion: the digit that makes the whole number valid. */
function luhnComplete(prefix: string): string {
  const digits = prefix.split('').map(Number).reverse();
  let sum = 0;
  digits.forEach((d, i) => {
    // With the check digit appended, the rightmost prefix digit sits at an even distance → doubled.
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return prefix + String((10 - (sum % 10)) % 10);
}

describe('luhnValid', () => {
  it.each([
    ['79927398713', true], // the textbook example
    ['4111111111111111', true],
    ['6011111111111117', true],
    ['79927398710', false],
    ['4111111111111112', false],
    ['', false],
    ['0', false],
    ['12a4', false],
  ])('%j → %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it('accepts every completed number and catches every single-digit change', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 18 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (prefix, at, delta) => {
          const card = luhnComplete(prefix);
          const i = at % card.length;
          const changed = card.slice(0, i) + String((Number(card.charAt(i)) + delta) % 10) + card.slice(i + 1);
          return luhnValid(card) && !luhnValid(changed);
        },
      ),
    );
  });
});

describe('validateBankAccount', () => {
  const fail = (message: string) => ({ ok: false, code: 'INVALID_BANK_ACCOUNT', message });

  it.each([
    ['12345678', '12345678'], // the shortest account
    ['123456789012345678901234567890', '123456789012345678901234567890'], // the longest
    ['1100 1234 5678 9012 3456', '11001234567890123456'],
    ['110-0123-4567', '11001234567'],
    ['３５０５０１６１００６７００００００８８', '35050161006700000088'],
  ])('account %j → %s', (input, value) => {
    expect(validateBankAccount(input)).toEqual({ ok: true, value });
    expect(validateBankAccount(input, 'account')).toEqual({ ok: true, value });
  });

  it.each([
    ['', '请输入银行账号'],
    ['1234567', '银行账号应为8至30位数字，当前为7位'],
    ['1234567890123456789012345678901', '银行账号应为8至30位数字，当前为31位'],
    ['1234567A', '银行账号只能包含数字'],
    ['12345678.0', '银行账号只能包含数字'],
  ])('account %j → %s', (input, message) => {
    expect(validateBankAccount(input)).toEqual(fail(message));
  });

  it('cards: 16–19 digits that pass Luhn', () => {
    const card16 = luhnComplete('622202123456789');
    const card19 = luhnComplete('621700123456789012');
    expect(validateBankAccount(card16, 'card')).toEqual({ ok: true, value: card16 });
    expect(validateBankAccount(card19, 'card')).toEqual({ ok: true, value: card19 });
    expect(validateBankAccount('6222 0212 3456 7890', 'card').ok).toBe(luhnValid('6222021234567890'));
  });

  it.each([
    ['', '请输入银行卡号'],
    ['4111 1111 1111 1112', '银行卡号校验位错误，请核对卡号'],
    ['79927398713', '银行卡号应为16至19位数字，当前为11位'],
    ['41111111111111111111', '银行卡号应为16至19位数字，当前为20位'],
    ['4111x11111111111', '银行卡号只能包含数字'],
  ])('card %j → %s', (input, message) => {
    expect(validateBankAccount(input, 'card')).toEqual(fail(message));
  });
});
