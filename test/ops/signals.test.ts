import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EXIT_ON_SECOND, onStopSignals, type StopSignal } from '../../src/ops/signals.js';

function listen() {
  const target = new EventEmitter();
  const calls: [string, StopSignal][] = [];
  onStopSignals(target, { shutdown: (s) => void calls.push(['shutdown', s]), exitNow: (s) => void calls.push(['exitNow', s]) });
  return { target, calls };
}

describe('stop signals', () => {
  it.each([
    [['SIGTERM'], [['shutdown', 'SIGTERM']]],
    [['SIGINT'], [['shutdown', 'SIGINT']]],
    [['SIGTERM', 'SIGTERM'], [['shutdown', 'SIGTERM'], ['exitNow', 'SIGTERM']]],
    [['SIGTERM', 'SIGINT', 'SIGINT'], [['shutdown', 'SIGTERM'], ['exitNow', 'SIGINT'], ['exitNow', 'SIGINT']]],
  ])('after %j: %j', (signals, expected) => {
    const { target, calls } = listen();
    for (const signal of signals) target.emit(signal);
    expect(calls).toEqual(expected);
  });

  it('exit at once with 128 + the signal number on the second', () => {
    expect(EXIT_ON_SECOND).toEqual({ SIGINT: 128 + 2, SIGTERM: 128 + 15 });
  });
});
