// SIGTERM and SIGINT: the first starts a graceful shutdown, a second one (an impatient
// operator, or an orchestrator giving up) exits at once.

type Stoppable = Pick<NodeJS.EventEmitter, 'on'>;

export const STOP_SIGNALS = Object.freeze(['SIGTERM', 'SIGINT'] as const);
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The conventional exit code for a process ended by a signal: 128 + its number. */
export const EXIT_ON_SECOND = Object.freeze({ SIGINT: 130, SIGTERM: 143 } satisfies Record<StopSignal, number>);

export interface StopHandlers {
  shutdown(signal: StopSignal): void;
  exitNow(signal: StopSignal): void;
}

export function onStopSignals(target: Stoppable, handlers: StopHandlers): void {
  let received = 0;
  for (const signal of STOP_SIGNALS) {
    target.on(signal, function onStopSignal() {
      received += 1;
      if (received === 1) handlers.shutdown(signal);
      else handlers.exitNow(signal);
    });
  }
}
