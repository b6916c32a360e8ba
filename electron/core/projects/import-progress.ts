import { BehaviorSubject, type Observable } from 'rxjs';
import type { ImportProgress } from '../../../shared/api/methods/budget-methods';

/**
 * Progress of running imports by the id the page chose, so the page can subscribe before it
 * calls. A finished import is kept a minute for a late subscriber, then forgotten.
 */
export class ImportProgressHub {
  private readonly subjects = new Map<string, BehaviorSubject<ImportProgress>>();
  /** the most recent import of this core, for a watcher that names none */
  private readonly latest = new BehaviorSubject<ImportProgress>({ importId: '', phase: 'idle', done: 0, total: 0 });

  private subject(importId: string): BehaviorSubject<ImportProgress> {
    let s = this.subjects.get(importId);
    if (!s) {
      s = new BehaviorSubject<ImportProgress>({ importId, phase: 'reading', done: 0, total: 0 });
      this.subjects.set(importId, s);
    }
    return s;
  }

  report(importId: string | undefined, phase: ImportProgress['phase'], done: number, total: number): void {
    if (!importId) return;
    this.subject(importId).next({ importId, phase, done, total });
    this.latest.next({ importId, phase, done, total });
    if (phase === 'done' || phase === 'failed') {
      setTimeout(() => {
        this.subjects.get(importId)?.complete();
        this.subjects.delete(importId);
      }, 60_000).unref();
    }
  }

  watch(importId: string | undefined): Observable<ImportProgress> {
    return importId === undefined ? this.latest.asObservable() : this.subject(importId).asObservable();
  }
}
