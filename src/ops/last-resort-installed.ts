// Imported first by src/index.ts: ES modules run in import order, so the handlers are in
// place before any other module's code can throw.
import { installLastResort } from './last-resort.js';

export const lastResort = installLastResort();
