// The project's prose: the README as the front door, docs/ for the rest, and the guides kept
// beside what they describe (curation in knowledge/, benchmarks in bench/).
import { readdirSync } from 'node:fs';

export const DOC_FILES = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
  'knowledge/README.md',
  'bench/README.md',
];
