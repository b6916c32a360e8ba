import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bankAccountSchema,
  bankCardSchema,
  eInvoiceSchema,
  idCardSchema,
  makeYuanAmountSchema,
  usccSchema,
  yuanAmountSchema,
} from '../../../../shared/validators';

function firstIssue(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error?.issues[0];
}

describe('zod schemas output the normalised value', () => {
  it.each([
    [usccSchema, ' 91350100m000100y43 ', '91350100M000100Y43'],
    [idCardSchema, '11010519491231002x', '11010519491231002X'],
    [bankAccountSchema, '1100 1234 5678', '110012345678'],
    [bankCardSchema, '4111 1111 1111 1111', '4111111111111111'],
    [eInvoiceSchema, '2444 2000 0001 2345 6789', '24442000000123456789'],
    [yuanAmountSchema, '¥1,234.56', 123_456],
    [yuanAmountSchema, '0.29', 29],
  ] as const)('%#: %j → %j', (schema, input, output) => {
    expect((schema as z.ZodType).parse(input)).toBe(output);
  });
});

describe('zod schemas carry the Chinese message and the error code', () => {
  it.each([
    [usccSchema, '91350100M000100Y44', '统一社会信用代码校验位错误，应为3', 'INVALID_USCC'],
    [usccSchema, '123', '统一社会信用代码应为18位', 'INVALID_USCC'],
    [idCardSchema, '110105194912310021', '身份证号码校验码错误，应为X', 'INVALID_ID_CARD'],
    [bankAccountSchema, '1234', '银行账号应为8至30位数字，当前为4位', 'INVALID_BANK_ACCOUNT'],
    [bankCardSchema, '4111111111111112', '银行卡号校验位错误，请核对卡号', 'INVALID_BANK_ACCOUNT'],
    [eInvoiceSchema, '123', '电子发票号码应为20位数字，当前为3位', 'INVALID_E_INVOICE'],
    [yuanAmountSchema, '1.234', '金额最多保留两位小数（精确到分）', 'INVALID_AMOUNT'],
    [yuanAmountSchema, '-5', '金额不能为负数', 'INVALID_AMOUNT'],
  ] as const)('%#: %j → %s', (schema, input, message, code) => {
    const issue = firstIssue(schema as z.ZodType, input);
    expect(issue).toMatchObject({ code: 'custom', message, params: { code } });
  });

  it('answers a missing or non-string value with a Chinese message', () => {
    expect(firstIssue(usccSchema, undefined)?.message).toBe('请输入统一社会信用代码');
    expect(firstIssue(idCardSchema, 110105)?.message).toBe('请输入身份证号码');
    expect(firstIssue(yuanAmountSchema, 12.5)?.message).toBe('请输入金额');
  });

  it('reports the field path inside an object', () => {
    const payee = z.object({ uscc: usccSchema, account: bankAccountSchema, amount: yuanAmountSchema });
    const result = payee.safeParse({ uscc: '91350100M000100Y43', account: '12', amount: '1e3' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['account', '银行账号应为8至30位数字，当前为2位'],
      ['amount', '金额不能使用科学计数法，请直接输入数字'],
    ]);
  });

  it('makeYuanAmountSchema passes options through', () => {
    const refund = makeYuanAmountSchema({ allowNegative: true, label: '退款金额' });
    expect(refund.parse('-¥12.30')).toBe(-1_230);
    expect(firstIssue(refund, '')?.message).toBe('请输入退款金额');
    expect(firstIssue(refund, 'x')?.message).toBe('退款金额只能包含数字、小数点和千分位逗号');
  });
});
