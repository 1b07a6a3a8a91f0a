// The embedded default: a local console on stdin/stdout. Takes a plain question or
// "/ask …", any other shared command ("/reload", "/about", "/gaps"), "/help" and "/quit".
// The person at the terminal runs the bot, so they count as an admin. At a terminal it is
// a prompt with line editing and history (readline's own); piped, it reads plain lines.
// Text wraps between words at the terminal's width (or COLUMNS).
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { commands, findCommand } from '../../../commands/index.js';
import { runCommand, type CommandContext, type CommandReply } from '../../core/answering/command.js';
import type { AnswerResult } from '../../core/answering/reply-types.js';
import { newReplyId } from '../../core/conversation/conversations.js';
import { MESSAGES } from '../../core/wording/messages.js';
import type { Adapter, AdapterDeps } from '../adapter.js';
import { closestCommand, parseLine } from './lines.js';
import { renderReload, renderReply, renderWhy } from './render.js';
import { handleCtrlC } from './ctrl-c.js';
import { terminalWidth, wrapText } from './wrap.js';

export { parseLine } from './lines.js';

export interface ConsoleOptions extends AdapterDeps {
  input?: Readable;
  output?: Writable;
  /** A prompt with line editing; by default when both input and output are a terminal. */
  terminal?: boolean;
  /** Called when the input ends or the person types /quit. */
  onClose?: () => void;
  /** Columns to wrap at; by default the terminal's width, or COLUMNS. */
  width?: number;
}

export const CONSOLE_DEFAULTS = Object.freeze({
  prompt: 'storybot> ',
  /** Lines kept for the up and down arrows, within one session. */
  historySize: 200,
});

const HELP = [
  'Type a question about the story, or a command:',
  ...commands.map((c) => `  /${c.data.name}${c.data.options.length ? ' …' : ''}  ${c.data.description}`),
  '  /why  why the last answer was given: the wording it matched, its confidence and what came next',
  '  /help  this list',
  '  /quit  leave (or Ctrl-D, or Ctrl-C twice)',
].join('\n');

export function createConsoleAdapter(options: ConsoleOptions): Adapter {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = options.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  let rl: Interface | undefined;
  let open = false;
  let queue = Promise.resolve();
  const write = (text: string) => output.write(`${wrapText(text, options.width ?? terminalWidth(output as { isTTY?: boolean; columns?: number }))}\n`);
  // The prompt is on screen, waiting: a notice then goes above it, not after it.
  let prompting = false;
  const prompt = () => {
    prompting = true;
    rl?.prompt(true);
  };
  function notice(text: string): void {
    if (!terminal || !prompting) return void write(text);
    cursorTo(output, 0);
    clearLine(output, 0);
    write(text);
    prompt();
  }
  // One conversation per session: each question may follow up the answer before it.
  const conversation = { key: `console:${newReplyId()}` };
  let lastResult: AnswerResult | undefined;
  let quitting = false;

  async function handle(line: string): Promise<void> {
    const text = line.trim();
    // Lines pasted or piped after /quit are not asked.
    if (!text || quitting) return;
    const { name, argument } = parseLine(text);
    if (name === 'quit' || name === 'exit') {
      quitting = true;
      return void rl?.close();
    }
    if (name === 'help') return void write(HELP);
    if (name === 'why') return void write(`${why(options.ctx, lastResult)}\n`);
    const command = findCommand(name);
    if (!command) {
      // Never the typed name: only the bot's own wording is printed back.
      const meant = closestCommand(name);
      return void write(meant ? MESSAGES.consoleDidYouMean(meant) : MESSAGES.consoleUnknownCommand);
    }
    const option = command.data.options[0]?.name;
    let reply: CommandReply;
    try {
      reply = await runCommand(command, options.ctx, {
        platform: 'console',
        user: { id: 'console', isAdmin: true },
        options: option ? { [option]: argument } : {},
        conversation,
      });
    } catch (error) {
      options.logger.error({ err: error, command: name }, 'console command failed');
      return void write('Something went wrong; the details are in the log.');
    }
    // Every reload's report is printed as it ends, this one's included (see start()).
    if (reply.kind === 'reload') return;
    if (reply.kind === 'answer') lastResult = reply.result;
    write(`${renderReply(reply)}\n`);
  }

  return {
    name: 'console',
    async start() {
      rl = createInterface({ input, output, terminal, prompt: CONSOLE_DEFAULTS.prompt, historySize: CONSOLE_DEFAULTS.historySize, removeHistoryDuplicates: true, crlfDelay: Infinity });
      open = true;
      const entries = options.ctx.store.current().knowledge.entries;
      write(MESSAGES.consoleBanner(entries.filter((e) => e.status === 'published').length));
      // Reloads started elsewhere (SIGHUP, npm run reload, watch mode) are reported here as
      // well as /reload's, in the same readable form.
      options.ctx.store.onReload((report) => {
        notice(`${renderReload(report)}\n`);
      });
      if (terminal) handleCtrlC(rl, input, () => notice(MESSAGES.consoleCtrlCAgain));
      // Lines are answered one at a time, in order, even when pasted in a batch, each on a
      // turn of the event loop of its own: thousands piped in must not keep the question
      // log's writes (and signals, and timers) waiting until the last one is answered.
      rl.on('line', (line) => {
        prompting = false;
        queue = queue.then(nextTurn).then(() => {
          const work = handle(line).then(() => {
            if (terminal && open) prompt();
          });
          return options.ctx.intake?.track(work) ?? work;
        });
      });
      rl.on('close', () => {
        open = false;
        if (terminal) output.write('\n');
        void queue.then(() => options.onClose?.());
      });
      if (terminal) prompt();
    },
    async stop() {
      rl?.close();
      await queue;
    },
    connected: () => open,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** "Why this answer?" for the last reply, an answer, a passage or a decline alike. */
function why(ctx: CommandContext, result: AnswerResult | undefined): string {
  return result ? renderWhy(ctx.store.explain(result)) : MESSAGES.whyNothingYet;
}
