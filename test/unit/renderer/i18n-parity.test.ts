import { describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { UNIT_LEVEL_LABELS } from '../../../shared/domain/unit';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('have exactly the same keys in zh-CN and en', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of zh) {
      expect({ key, vars: variables(english.get(key) ?? '') }).toEqual({ key, vars: variables(text) });
    }
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...zh, ...english]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('name roles and office levels exactly as shared/ does in Chinese', () => {
    expect(zhCN.roles).toEqual(ROLE_LABELS);
    expect(zhCN.unitLevels).toEqual(UNIT_LEVEL_LABELS);
    expect(Object.keys(en.roles).sort()).toEqual(Object.keys(ROLE_LABELS).sort());
  });

  it('say the Chinese product title of the product card', () => {
    expect(zhCN.app.title).toBe('工程款支付管理');
  });
});
