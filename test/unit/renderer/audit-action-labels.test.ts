import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel } from '../../../renderer/src/pages/audit/action-label';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

/** Every action the core writes into the audit chain is shown in words on the 审计 page. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function literalActions(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles('electron/core')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/action: (?:[a-z]+ \? )?'([a-z][a-zA-Z]*\.[a-zA-Z.]+)'(?: : '([a-z][a-zA-Z]*\.[a-zA-Z.]+)')?/g)) {
      if (match[1]) codes.add(match[1]);
      if (match[2]) codes.add(match[2]);
    }
  }
  return [...codes].sort();
}

/** Codes the core builds at run time (a template or a choice), listed by hand. */
const BUILT_CODES = [
  'approval.approve',
  'approval.return',
  'approval.reject',
  'contract.complete',
  'contract.terminate',
  'contractChange.return',
  'contractChange.reject',
  'backup.verifyFailed',
  'backup.restoreStagedFailed',
  'user.disable',
  'user.enable',
];

describe('audit action labels', () => {
  const codes = [...new Set([...literalActions(), ...BUILT_CODES])];

  it('finds the actions the core writes', () => {
    expect(codes.length).toBeGreaterThan(40);
    expect(codes).toContain('paymentRequest.submit');
  });

  it.each([
    ['zh-CN', zhCN.audit.actions],
    ['en', en.audit.actions],
  ])('names every one in %s', (_language, labels) => {
    const missing = codes.filter((code) => actionLabel(labels, code) === code);
    expect(missing).toEqual([]);
  });
});
