// A whole console session in-process over the real knowledge base: the lines are typed,
// input ends, and everything the console printed comes back once it has closed.
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/index.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { createLogger } from '../../src/logger.js';
import { REAL_KNOWLEDGE } from './knowledge-dir.js';

export async function consoleSession(lines: string[], width?: number): Promise<string> {
  const store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  await new Promise<void>((resolve) => {
    const adapter = createConsoleAdapter({ ctx: { store, recorder: notRecording, startedAt: new Date() }, logger: createLogger({ level: 'silent' }), input, output, onClose: resolve, width });
    void adapter.start().then(() => input.end(`${lines.join('\n')}\n`));
  });
  return text;
}
