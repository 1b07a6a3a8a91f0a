// A deadline for loading the knowledge base. A load that has not finished by then fails with
// a clear message, and the knowledge base being served stays; the late load is told to stop
// at its next file, and whatever it produces is dropped.

let abandoned = 0;

/**
 * Loads given up on at their deadline whose file reads have still not returned. While there
 * are any, a read may be stuck in one of Node's threads (a hung network disk), and
 * process.exit() waits for every such thread before the process ends.
 */
export function abandonedLoads(): number {
  return abandoned;
}

export async function withinDeadline<T>(load: (signal: AbortSignal) => Promise<T>, timeoutMs: number, failed: (message: string) => T): Promise<T> {
  const abandon = new AbortController();
  const work = load(abandon.signal)
    .catch((error: unknown) => failed(`could not be loaded: ${String(error)}`))
    .finally(() => {
      if (abandon.signal.aborted) abandoned--;
    });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      abandon.abort();
      abandoned++;
      resolve(failed(`was not loaded within ${timeoutMs / 1000} s (a file that cannot be read, or a very slow disk), so the load was given up`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
