// A list of what a stand-in received, with a way to wait for an item that may not have
// arrived yet. Waits have no timers of their own: vitest's test timeout ends a lost wait.

export class Recorded<T> {
  readonly items: T[] = [];
  private readonly waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(item)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(item);
    }
  }

  /** The first item, already received or still to come, that matches. */
  waitFor(match: (item: T) => boolean = () => true): Promise<T> {
    const found = this.items.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}
