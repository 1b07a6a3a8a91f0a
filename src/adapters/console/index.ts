// The embedded default: a local console on stdin/stdout. Takes a plain question or
// "/ask …", any other shared command ("/reload", "/about", "/gaps"), "/help" and "/quit".
// The person at the terminal runs the bot, so they count as an admin. At a terminal it is
// a prompt with line editing and history (readline's own); piped, it reads plain lines.
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { commands, findCommand } from '../../../commands/index.js';
import { runCommand, type CommandContext, type CommandReply } from '../../core/answering/command.js';
import { newReplyId } from '../../core/conversation/conversations.js';
import { explainReply } from '../../core/conversation/interactions.js';
import { MESSAGES } from '../../core/wording/messages.js';
import type { Adapter, AdapterDeps } from '../adapter.js';
import { renderReload, renderReply, renderWhy } from './render.js';

export interface ConsoleOptions extends AdapterDeps {
  input?: Readable;
  output?: Writable;
  /** A prompt with line editing; by default when both input and output are a terminal. */
  terminal?: boolean;
  /** Called when the input ends or the person types /quit. */
  onClose?: () => void;
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
  '  /quit  leave (or Ctrl-D)',
].join('\n');

export function createConsoleAdapter(options: ConsoleOptions): Adapter {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = options.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  let rl: Interface | undefined;
  let open = false;
  let queue = Promise.resolve();
  const write = (text: string) => output.write(`${text}\n`);
  // One conversation per session: each question may follow up the answer before it.
  const conversation = { key: `console:${newReplyId()}` };
  let lastReply: string | undefined;

  async function handle(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    if (text === '/quit' || text === '/exit') return void rl?.close();
    if (text === '/help') return void write(HELP);
    if (text === '/why') return void write(`${await why(options.ctx, lastReply)}\n`);
    const { name, argument } = parseLine(text);
    const command = findCommand(name);
    if (!command) return void write(`Unknown command /${name}. ${HELP}`);
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
    if (reply.kind === 'answer') lastReply = reply.replyId;
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
        write(`${renderReload(report)}\n`);
        if (terminal && open) rl?.prompt(true);
      });
      // Lines are answered one at a time, in order, even when pasted in a batch, each on a
      // turn of the event loop of its own: thousands piped in must not keep the question
      // log's writes (and signals, and timers) waiting until the last one is answered.
      rl.on('line', (line) => {
        queue = queue.then(nextTurn).then(() => {
          const work = handle(line).then(() => {
            if (terminal && open) rl?.prompt();
          });
          return options.ctx.intake?.track(work) ?? work;
        });
      });
      rl.on('close', () => {
        open = false;
        if (terminal) output.write('\n');
        void queue.then(() => options.onClose?.());
      });
      if (terminal) rl.prompt();
    },
    async stop() {
      rl?.close();
      await queue;
    },
    connected: () => open,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function why(ctx: CommandContext, replyId: string | undefined): Promise<string> {
  if (replyId === undefined) return MESSAGES.whyNothingYet;
  const explanation = await explainReply(ctx, replyId, { platform: 'console', userId: 'console' });
  return explanation ? renderWhy(explanation) : MESSAGES.replyGone;
}

/** "/ask who is x" -> ask, "who is x"; a line without a slash is a question. */
export function parseLine(text: string): { name: string; argument: string } {
  if (!text.startsWith('/')) return { name: 'ask', argument: text };
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  return { name: (match?.[1] ?? '').toLowerCase(), argument: match?.[2] ?? '' };
}
