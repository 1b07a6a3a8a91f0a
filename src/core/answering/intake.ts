// What is in flight, and whether new work is still taken. Shutdown closes the intake, so
// commands arriving afterwards are answered "shutting down" instead of being started, then
// waits for the work already started (the whole exchange, reply included) up to a deadline.

export class Intake {
  private accepting = true;
  private readonly work = new Set<Promise<unknown>>();

  /** False once shutdown has begun. */
  get open(): boolean {
    return this.accepting;
  }

  get inFlight(): number {
    return this.work.size;
  }

  /** Counts the work as in flight until it settles; the same promise is handed back. */
  track<T>(work: Promise<T>): Promise<T> {
    this.work.add(work);
    const done = () => void this.work.delete(work);
    work.then(done, done);
    return work;
  }

  close(): void {
    this.accepting = false;
  }

  /**
   * Resolves true once nothing is in flight, or false when the deadline comes first. Work
   * that starts while waiting (a refusal being sent) is waited for too.
   */
  async settle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false);
    });
    try {
      while (this.work.size > 0) {
        const all = Promise.allSettled([...this.work]).then(() => true as const);
        if (!(await Promise.race([all, deadline]))) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
