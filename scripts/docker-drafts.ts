// npm run check:docker's check of the draft workflow docs/operations.md gives for Docker: the
// knowledge folder read-only to the image's user, only its drafts folder writable, and
// `gaps --yaml` staging drafts there that then validate.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Started {
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

export async function checkDrafts(
  final: { root: string; env: Record<string, string> },
  run: (words: string[]) => Promise<Started>,
  check: (name: string, ok: boolean, detail?: string) => void,
  asImageUser: boolean,
): Promise<void> {
  const knowledge = path.join(final.root, final.env.KNOWLEDGE_DIR ?? '/app/knowledge');
  const drafts = path.join(knowledge, 'entries', 'drafts', 'drafts.yaml');
  const detail = (started: Started, code: number | null) => `exit ${code}\n${started.output().stdout}\n${started.output().stderr}`;
  if (asImageUser) {
    const probe = await run(['node', '-e', "require('node:fs').writeFileSync('knowledge/entries/probe.yaml', '')"]);
    const code = await probe.exited;
    check('the rest of the knowledge folder is read-only to the image user', code !== 0 && !existsSync(path.join(knowledge, 'entries', 'probe.yaml')), detail(probe, code));
  }
  const gaps = await run(['node', 'dist/src/cli/gaps.js', '--yaml']);
  const staged = await gaps.exited;
  check(
    'gaps --yaml stages the declined question as a draft in knowledge/entries/drafts',
    staged === 0 && existsSync(drafts) && readFileSync(drafts, 'utf8').includes('question: What is the capital of Peru?'),
    detail(gaps, staged),
  );
  const validate = await run(['node', 'dist/src/cli/validate.js']);
  const validated = await validate.exited;
  check('the staged draft validates', validated === 0 && validate.output().stdout.includes('(1 draft)'), detail(validate, validated));
}
