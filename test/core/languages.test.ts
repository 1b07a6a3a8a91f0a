// Questions in French, Spanish and German: answered from the English entry only when the
// match is strong, with a note; otherwise declined in English with suggestions.
import { beforeAll, describe, expect, it } from 'vitest';
import { otherLanguage, searchableInEnglish } from '../../src/core/answering/languages.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { declineSentence, replyNotes } from '../../src/core/wording/reply-words.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open('knowledge', { isWord: isEnglishWord });
});

describe('recognising the language of a question', () => {
  it.each([
    ['Qui est Tommy Robinson ?', 'fr'],
    ['Pourquoi Musk critique-t-il Starmer ?', 'fr'],
    ['¿Quién es Tommy Robinson?', 'es'],
    ['¿Qué dijo Musk sobre Jess Phillips?', 'es'],
    ['Wer ist Tommy Robinson?', 'de'],
    ['Was hat Musk über Jess Phillips gesagt?', 'de'],
    // English, even where a word is also French or German ("was", "ou") or the detector alone misreads it.
    ['is Musk a billionaire', undefined],
    ['was starmer the dpp', undefined],
    ['Who is Tommy Robinson?', undefined],
    ['tommy robinson edl founder', undefined],
  ])('%j is %s', (question, language) => {
    expect(otherLanguage(question)).toBe(language);
  });

  it('searches its names with its question words in English', () => {
    expect(searchableInEnglish('Qui est Tommy Robinson ?', 'fr')).toBe('who tommy robinson');
    expect(searchableInEnglish('¿Por qué Musk ataca a Starmer?', 'es')).toBe('why musk ataca starmer');
  });
});

describe('answering a question in another language', () => {
  it.each([
    ['Qui est Tommy Robinson ?', 'fr', 'who-is-tommy-robinson', 'French'],
    ['¿Quién es Tommy Robinson?', 'es', 'who-is-tommy-robinson', 'Spanish'],
    ['Was hat Musk über Jess Phillips gesagt?', 'de', 'musk-phillips-prison', 'German'],
  ])('answers %j from the English entry when the match is strong, saying StoryBot answers in English', (question, language, entry, name) => {
    const reply = store.ask(question);
    expect(reply).toMatchObject({ kind: 'answer', question, language, entry: { id: entry }, strength: 'strong' });
    expect(reply.confidence).toBeGreaterThanOrEqual(store.current().config.strongMatch);
    expect(replyNotes(reply)).toContain(MESSAGES.otherLanguageNote(name));
  });

  it.each(['Quelle est la majorité de Wes Streeting ?', '¿Quién ganó el partido de fútbol?', "Quand Tommy Robinson a-t-il fondé l'EDL ?"])(
    'declines %j in English with suggestions rather than guess on a weak match',
    (question) => {
      const reply = store.ask(question);
      expect(reply.kind).toBe('decline');
      if (reply.kind !== 'decline') return;
      expect(reply.reason).toBe('other-language');
      expect(declineSentence(reply)).toMatch(/^StoryBot answers in English/);
      expect(reply.suggestions.length).toBeGreaterThan(0);
    },
  );
});
