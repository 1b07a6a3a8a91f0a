// A link that points nowhere is a dead end for a newcomer: every relative link in the README
// and the guides must reach a file that exists, and an #anchor a heading that file has.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_FILES } from './helpers/doc-files.js';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^ {4}.*$/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

/** Every markdown link target outside indented code blocks and code spans. */
function linksIn(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/^ {4}.*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('links in the README and docs/', () => {
  it('reads the README, every guide in docs/ and the two beside their code', () => {
    for (const need of ['README.md', 'docs/how-it-answers.md', 'docs/discord.md', 'docs/slack.md', 'docs/operations.md', 'docs/replicas.md', 'docs/testing.md', 'knowledge/README.md', 'bench/README.md']) {
      expect(DOC_FILES).toContain(need);
    }
  });

  it.each(DOC_FILES)('%s links only to files and headings that exist', (file) => {
    const broken: string[] = [];
    const relative = linksIn(file).filter((target) => !/^[a-z][\w+.-]*:/i.test(target));
    for (const target of relative) {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const dest = path ? normalize(join(dirname(file), path)) : file;
      if (!existsSync(dest)) broken.push(`${target}: no file ${dest}`);
      else if (anchor !== undefined && statSync(dest).isFile() && dest.endsWith('.md') && !anchorsIn(dest).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${dest}`);
    }
    expect(broken).toEqual([]);
  });

  it('finds the README index links, so a change in link syntax cannot pass unseen', () => {
    const links = linksIn('README.md');
    for (const doc of ['docs/how-it-answers.md', 'docs/discord.md', 'docs/slack.md', 'knowledge/README.md', 'docs/operations.md', 'docs/replicas.md', 'docs/testing.md', 'bench/README.md']) {
      expect(links).toContain(doc);
    }
  });

  it('reads anchors the way GitHub writes them', () => {
    expect(anchorOf('Conversations: follow-ups, privacy and "why this answer?"')).toBe('conversations-follow-ups-privacy-and-why-this-answer');
    expect(anchorOf('Measuring performance: `npm run bench`')).toBe('measuring-performance-npm-run-bench');
    expect(anchorOf('1. Create the Slack app from the manifest')).toBe('1-create-the-slack-app-from-the-manifest');
  });
});
