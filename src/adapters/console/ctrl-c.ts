// Ctrl-C at the prompt, as shells and node's own REPL take it: it clears a half-typed line;
// on an empty line it says how to leave, and a second Ctrl-C in a row leaves. (readline
// closes at the first Ctrl-C unless someone listens, taking a half-typed question with it.)
import { emitKeypressEvents, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

export function handleCtrlC(rl: Interface, input: Readable, warn: () => void): void {
  let armed = false;
  rl.on('SIGINT', () => {
    if (rl.line.length > 0) {
      // To the end of the line, then everything before the cursor: the line is empty again.
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
      armed = false;
      return;
    }
    if (armed) return void rl.close();
    armed = true;
    warn();
  });
  emitKeypressEvents(input);
  input.on('keypress', (_text: string, key: { ctrl?: boolean; name?: string } | undefined) => {
    if (!(key?.ctrl && key.name === 'c')) armed = false;
  });
}
