// English stemming, so that "prosecutions", "prosecuted" and "prosecuting" meet as one
// term. The Porter2 (Snowball English) algorithm does the work, from a kept package; around
// it, irregular forms it cannot know ("said", "children") and British and American
// spellings of "-our" words ("labour", "labor") are brought together. It only has to be
// consistent, because questions and knowledge pass through the same function.
import porter2 from 'wink-porter2-stemmer';

// A Map, not an object: a word such as "constructor" must not find Object.prototype's.
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    said: 'say', says: 'say', told: 'tell', wrote: 'write', written: 'write', won: 'win',
    led: 'lead', thought: 'think', bought: 'buy', brought: 'bring', took: 'take', taken: 'take',
    gave: 'give', given: 'give', went: 'go', gone: 'go', made: 'make', saw: 'see', seen: 'see',
    knew: 'know', known: 'know', spoke: 'speak', spoken: 'speak', began: 'begin', begun: 'begin',
    kept: 'keep', men: 'man', women: 'woman', children: 'child', felt: 'feel', sent: 'send',
    held: 'hold', met: 'meet', ran: 'run', grew: 'grow', lost: 'lose', paid: 'pay',
    sought: 'seek', caught: 'catch', fought: 'fight', stood: 'stand', chose: 'choose',
    chosen: 'choose', ate: 'eat', fell: 'fall', hid: 'hide', hidden: 'hide', lied: 'lie',
    // Nouns for people that must not fall into their verb: abusers are not abuse.
    abuser: 'abuser', abusers: 'abuser', groomer: 'groomer', groomers: 'groomer',
  }),
);

export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const stemmed = porter2(word);
  // British "-our" and American "-or" spellings meet: labour/labor, favour/favor.
  return stemmed.length > 5 && stemmed.endsWith('our') ? `${stemmed.slice(0, -3)}or` : stemmed;
}
