// Progress for long-running tools, on stderr so that stdout stays the tool's result. On a
// terminal one line is redrawn in place; in a log (CI, a pipe) a line is written now and
// then, so a slow step is visibly alive without flooding the log.

export const PROGRESS_DEFAULTS = Object.freeze({
  /** How often a terminal line is redrawn. */
  terminalEveryMs: 200,
  /** How often a line is written when stderr is not a terminal. */
  logEveryMs: 5_000,
});

export interface Progress {
  /** `done` of the total are finished. */
  update(done: number): void;
  /** Writes the final count and ends the line. */
  finish(): void;
}

type Stream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

export function progress(label: string, total: number, stream: Stream = process.stderr, now: () => number = Date.now): Progress {
  const started = now();
  const terminal = Boolean(stream.isTTY);
  const every = terminal ? PROGRESS_DEFAULTS.terminalEveryMs : PROGRESS_DEFAULTS.logEveryMs;
  let last = started;
  let current = 0;
  const line = (done: number) => {
    const seconds = Math.round((now() - started) / 1000);
    return `${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${total === 0 ? 100 : Math.floor((100 * done) / total)}%, ${seconds} s)`;
  };
  return {
    update(done) {
      current = done;
      if (now() - last < every) return;
      last = now();
      stream.write(terminal ? `\r${line(done)}` : `${line(done)}\n`);
    },
    finish() {
      stream.write(terminal ? `\r${line(Math.max(current, total))}\n` : `${line(Math.max(current, total))}\n`);
    },
  };
}

/** One line saying what a slow step is doing, before it starts. */
export function step(text: string, stream: Stream = process.stderr): void {
  stream.write(`${text}…\n`);
}
