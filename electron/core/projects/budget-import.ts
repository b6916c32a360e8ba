import { duplicateRowErrors, parseImportRow, type ImportRowError, type ParsedImportRow } from '../../../shared/budget/import-rows';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { runAtomically } from '../app/unit-of-work';
import type { ProjectDoc } from '../db/schemas';
import type { BudgetLineService } from './budget-line-service';
import type { ImportProgressHub } from './import-progress';
import { readImportRows } from './import-workbook';

export interface ImportResult {
  rows: number;
  saved: number;
  errors: ImportRowError[];
}

/** Rows checked between two reports; also where a long import lets other calls run. */
const PROGRESS_STEP = 100;

const COLUMN_OF_FIELD: Record<string, string> = {
  projectId: '项目编号',
  fundSource: '资金来源',
  subjectCode: '预算科目编码',
};

/** Thrown inside the unit of work to roll back every line already written by this import. */
class ImportRejected extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('import rejected');
  }
}

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function decodeBase64(base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(base64)) throw new AppError('IMPORT_INVALID', '上传的文件内容不完整，请重新选择文件', 'fileBase64');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/**
 * Excel import of 预算指标: every row is checked with the form's rules plus the database (project
 * known and in scope, fund source of the project, no duplicate line); the errors of all rows are
 * reported together, and a file with any error saves nothing — the writes run in one unit of work
 * that is rolled back as a whole.
 */
export class BudgetImport {
  constructor(
    private readonly deps: Pick<CoreServices, 'db' | 'lock'>,
    private readonly lines: BudgetLineService,
    private readonly progress: ImportProgressHub,
  ) {}

  async validate(actor: Actor, fileBase64: string, importId?: string): Promise<ImportResult> {
    try {
      const rows = await this.read(fileBase64, importId);
      const { errors } = await this.check(actor, rows, importId);
      this.progress.report(importId, 'done', rows.length, rows.length);
      return { rows: rows.length, saved: 0, errors };
    } catch (error) {
      this.progress.report(importId, 'failed', 0, 0);
      throw error;
    }
  }

  async commit(actor: Actor, fileBase64: string, importId?: string): Promise<ImportResult> {
    const rows = await this.read(fileBase64, importId).catch((error: unknown) => {
      this.progress.report(importId, 'failed', 0, 0);
      throw error;
    });
    try {
      const saved = await runAtomically(this.deps.lock, this.deps.db, async () => {
        // checked again inside the unit of work: nothing can change between the check and the writes
        const { errors, accepted } = await this.check(actor, rows, importId);
        if (errors.length > 0) throw new ImportRejected(errors);
        let done = 0;
        for (const { row, project } of accepted) {
          await this.lines.insertLocked(actor, project, row, 'import');
          done += 1;
          if (done % PROGRESS_STEP === 0) {
            this.progress.report(importId, 'saving', done, accepted.length);
            await yieldToOthers();
          }
        }
        return done;
      });
      this.progress.report(importId, 'done', saved, rows.length);
      return { rows: rows.length, saved, errors: [] };
    } catch (error) {
      this.progress.report(importId, 'failed', 0, rows.length);
      if (error instanceof ImportRejected) return { rows: rows.length, saved: 0, errors: error.errors };
      throw error;
    }
  }

  private async read(fileBase64: string, importId: string | undefined) {
    this.progress.report(importId, 'reading', 0, 0);
    return readImportRows(decodeBase64(fileBase64));
  }

  private async check(actor: Actor, rows: Awaited<ReturnType<typeof readImportRows>>, importId: string | undefined) {
    const projects = await this.projectsByCode(actor);
    const errors: ImportRowError[] = [];
    const accepted: { row: ParsedImportRow & { projectId: string }; project: ProjectDoc }[] = [];
    let done = 0;
    for (const { row, cells } of rows) {
      const parsed = parseImportRow(row, cells);
      errors.push(...parsed.errors);
      if (parsed.line) {
        const line = parsed.line;
        const candidates = projects.get(line.projectCode) ?? [];
        if (candidates.length !== 1) {
          const message = candidates.length === 0 ? `项目编号 ${line.projectCode} 不存在或不在本单位管辖范围内` : `项目编号 ${line.projectCode} 在多个单位中存在，请在本单位账号下导入`;
          errors.push({ row, column: '项目编号', code: 'VALIDATION_FAILED', message: `第 ${row} 行「项目编号」：${message}` });
        } else {
          const project = candidates[0] as ProjectDoc;
          const problems = await this.lines.problemsAgainstDatabase(actor, project, line);
          for (const p of problems) {
            const column = COLUMN_OF_FIELD[p.field] ?? '';
            errors.push({ row, column, code: p.code as ErrorCode, message: `第 ${row} 行${column ? `「${column}」` : ''}：${p.message}` });
          }
          if (problems.length === 0) accepted.push({ row: { ...line, projectId: project.id }, project });
        }
      }
      done += 1;
      if (done % PROGRESS_STEP === 0) {
        this.progress.report(importId, 'checking', done, rows.length);
        await yieldToOthers();
      }
    }
    errors.push(...duplicateRowErrors(accepted.map((a) => a.row)));
    errors.sort((a, b) => a.row - b.row);
    this.progress.report(importId, 'checking', rows.length, rows.length);
    return { errors, accepted };
  }

  private async projectsByCode(actor: Actor): Promise<Map<string, ProjectDoc[]>> {
    const docs = await this.deps.db.projects.find({ selector: { docType: 'project', unitId: { $in: [...actor.scopeUnitIds] } } }).exec();
    const map = new Map<string, ProjectDoc[]>();
    for (const d of docs) {
      const p = d.toJSON() as ProjectDoc;
      map.set(p.code, [...(map.get(p.code) ?? []), p]);
    }
    return map;
  }
}
