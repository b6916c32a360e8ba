import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The environment boundaries of DESIGN.md are enforced by lint: prove each rule bites. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('environment boundaries', () => {
  it.each([
    ['shared/money/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/money/x.ts', "import { app } from 'electron';"],
    ['shared/money/x.ts', "import { createRxDatabase } from 'rxdb';"],
    ['shared/money/x.ts', "import { createCore } from '../../electron/core/app/create-core';"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/app/create-core';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/x.ts', "import { readFileSync } from 'fs';"],
    ['renderer/src/x.ts', "import { createHash } from 'crypto';"],
    ['shared/audit/x.ts', "import { createHash } from 'crypto';"],
    ['electron/core/auth/x.ts', "import { app } from 'electron';"],
    ['electron/core/auth/x.ts', "import { App } from '../../../renderer/src/App';"],
    ['electron/preload/x.ts', "import { createCore } from '../core/app/create-core';"],
  ])('%s may not %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['shared/money/x.ts', "import { z } from 'zod';"],
    ['renderer/src/x.ts', "import { API } from '../../shared/api';"],
    // our own pure SM2/SM3/SM4 folder is not Node's crypto module
    ['shared/audit/x.ts', "import { sm3Hex } from '../crypto';"],
    ['renderer/src/x.ts', "import { Sm3Hasher } from '../../shared/crypto/sm3-fast';"],
    ['electron/core/auth/x.ts', "import { randomBytes } from 'node:crypto';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport {};\n`)).toBe(0);
  });
});
