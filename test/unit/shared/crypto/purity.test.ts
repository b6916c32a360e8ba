import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * shared/money, shared/validators and shared/crypto run in the Node core, the browser renderer and
 * the server alike, so they may import only each other, shared/errors, and the pure packages
 * zod and sm-crypto-v2 — nothing from Node, the DOM or Electron. A static scan keeps it that way.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHARED = join(ROOT, 'shared');
const MODULES = ['money', 'validators', 'crypto'];
const ALLOWED_PACKAGES = new Set(['zod', 'sm-crypto-v2']);
const FORBIDDEN_GLOBALS = /\b(Buffer|process|require|window|document|localStorage|__dirname)\b/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"`])\/\/.*$/gmu, '$1');
}

const files = MODULES.flatMap((m) => sourceFiles(join(SHARED, m)));

describe('shared/{money,validators,crypto} are environment-neutral', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only shared code, zod and sm-crypto-v2', (_, file) => {
    const source = stripComments(readFileSync(file, 'utf8'));
    const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/gu)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    for (const spec of specifiers) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        expect(relative(SHARED, target).startsWith('..'), `${spec} leaves shared/`).toBe(false);
      } else {
        expect(ALLOWED_PACKAGES.has(spec), `imports package ${spec}`).toBe(true);
      }
    }
    const code = source.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/gu, "''");
    expect(FORBIDDEN_GLOBALS.exec(code)?.[0], 'uses a Node or DOM global').toBeUndefined();
  });
});
