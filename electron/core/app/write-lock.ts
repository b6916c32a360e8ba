/**
 * Serializes the core's read-check-write sequences (login uniqueness, audit sequence numbers,
 * budget checks later): the core is the only writer of its database, so one queue is enough.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
