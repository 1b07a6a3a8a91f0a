import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import { runCommand, type CommandContext, type Invocation } from '../../src/core/answering/command.js';
import { Intake } from '../../src/core/answering/intake.js';
import { chooseEntry } from '../../src/core/conversation/interactions.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the intake', () => {
  it('settles once the work in flight has finished, whether it succeeded or failed', async () => {
    const intake = new Intake();
    const [a, b] = [deferred(), deferred()];
    intake.track(a.promise);
    intake.track(b.promise).catch(() => undefined);
    expect(intake.inFlight).toBe(2);
    const settled = intake.settle(60_000);
    a.resolve();
    b.reject(new Error('reply failed'));
    expect(await settled).toBe(true);
    expect(intake.inFlight).toBe(0);
  });

  it('waits for work that starts while it waits, such as a refusal being sent', async () => {
    const intake = new Intake();
    const [first, late] = [deferred(), deferred()];
    intake.track(first.promise);
    const settled = intake.settle(60_000);
    intake.track(late.promise);
    first.resolve();
    await Promise.resolve();
    let done = false;
    void settled.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    late.resolve();
    expect(await settled).toBe(true);
  });

  it('gives up at the deadline when something never finishes, saying so', async () => {
    const intake = new Intake();
    intake.track(new Promise(() => undefined));
    expect(await intake.settle(10)).toBe(false);
    expect(intake.inFlight).toBe(1);
  });

  it('is open until closed', () => {
    const intake = new Intake();
    expect(intake.open).toBe(true);
    intake.close();
    expect(intake.open).toBe(false);
  });
});

describe('commands and chosen questions once shutdown has begun', () => {
  const context = async (): Promise<CommandContext> => {
    const intake = new Intake();
    intake.close();
    const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    // A limiter that would refuse everyone: shutting down is said first.
    return { store, recorder: notRecording, startedAt: new Date(), intake, limiter: { take: () => ({ ok: false, retryAfterSeconds: 9 }) } };
  };
  const as = (isAdmin: boolean, question?: string): Invocation => ({ platform: 'slack', user: { id: 'U1', isAdmin }, options: { question } });

  it.each([
    ['ask', as(false, 'Who is Tommy Robinson?')],
    ['about', as(false)],
    ['reload', as(true)],
    ['gaps', as(true)],
  ])('answer /%s with "shutting down" without running it', async (name, invocation) => {
    const ctx = await context();
    const before = ctx.store.current();
    expect(await runCommand(findCommand(name)!, ctx, invocation)).toEqual({ kind: 'shutting-down' });
    expect(ctx.store.current()).toBe(before);
  });

  it('answer a chosen suggestion with "shutting down" too', async () => {
    expect(await chooseEntry(await context(), { platform: 'discord', userId: '1' }, 'who-is-tommy-robinson')).toEqual({ kind: 'shutting-down' });
  });
});
