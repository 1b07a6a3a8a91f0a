// General English knowledge the matcher needs: words that carry no meaning in a question,
// and words that people use interchangeably when asking about news. Names and phrases
// particular to one story (PM = Starmer, EDL, X = Twitter) belong in knowledge/aliases.yaml,
// where curators can edit them.

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the is are was were be been being am do does did done doing have has had having ' +
    'of in on at to for from by with about as per via into onto over under than then so such and or but nor if ' +
    'that this these those there here it its itself he him his himself she her hers herself they them ' +
    'their theirs we our ours you your yours i me my mine myself what whats which whom whose ' +
    'can could would should will shall may might must just also any some very really actually exactly ' +
    'please tell explain describe know knows mean means meaning define definition ' +
    'according say? report? ' +
    'much many lot lots kind sort bit thing things anything something someone somebody anyone anybody ' +
    'get got gets getting go goes going ok okay hey hi hello yes no not dont didnt doesnt isnt wasnt ' +
    'like exactly basically currently still ever even again yet only own? s t d ll re ve m ' +
    'happen happens happened happening make makes making now because else ' +
    'use uses used using way ways let lets etc per within toward towards upon ' +
    'stuff whole overall seem seems seemed supposed anyway literally honestly simply just ' +
    // Chat shorthand and noise, as typed in Discord and Slack.
    'u ur r pls plz plse ppls lol lmao lmfao rofl haha hahaha hehe xd tbh imo imho idk idc btw fyi smh omg wtf ffs ngl ' +
    'afaik iirc tho bc cuz coz cos thx ty abt wat wot wut dat dis gonna wanna gotta ya yeah yep yup nope nah hmm umm uh ' +
    'rn sus im ive id dunno shud shld cud wud become became becoming wing ' +
    // Framing around a question rather than its subject: "any actual evidence", "context?",
    // "rochdale too?", "the robinson guy", "thanks".
    'too either actual context guy guys dude mate bro thanks thank cheers understand confused curious wondering'
  )
    .split(/\s+/)
    // Entries ending in "?" are listed for the record but deliberately kept as content words.
    .filter((word) => word && !word.endsWith('?')),
);

/**
 * Groups of interchangeable words; the first is the name the group goes by. Members are
 * stemmed before use, so listing the base form covers its inflections ("jail" covers
 * "jailed"); irregular or differently-stemmed forms are listed separately.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['prison', 'jail', 'gaol', 'imprison', 'imprisonment', 'incarcerate', 'incarcerated', 'locked up', 'behind bars', 'custody', 'sentence', 'sentenced', 'prisoner', 'inmate'],
  ['criticise', 'criticism', 'critic', 'critical', 'criticize', 'accuse', 'accusation', 'attack', 'slam', 'blast', 'bash', 'condemn', 'denounce', 'lambast', 'rant', 'angry', 'anger', 'furious', 'mad', 'upset', 'outraged', 'outrage', 'go after', 'went after', 'lash out', 'lashed out', 'blame', 'target', 'fume', 'single out', 'singled out', 'call out', 'called out', 'rail against', 'hit out', 'take aim', 'took aim', 'lay into', 'laid into', 'smear', 'insult', 'vilify', 'disparage', 'denigrate', 'berate', 'complain', 'complaint'],
  ['say', 'state', 'statement', 'write', 'post', 'tweet', 'comment', 'remark', 'declare', 'announce', 'speak', 'mention', 'argue', 'insist', 'suggest', 'express', 'add', 'note', 'word', 'quote', 'put it'],
  ['claim', 'allege', 'allegation', 'assert', 'assertion'],
  ['respond', 'response', 'reply', 'react', 'reaction', 'rebut', 'rebuttal', 'hit back', 'hits back', 'answer back', 'retort', 'shut up', 'back off', 'butt out', 'told off', 'tell off', 'say back', 'said back', 'reply back', 'write back', 'wrote back', 'fire back', 'fired back'],
  ['refuse', 'reject', 'rejection', 'decline', 'deny', 'turn down', 'turned down', 'dismiss', 'rebuff', 'refusal', 'say no'],
  ['child', 'kid', 'minor', 'youngster', 'young people', 'underage'],
  ['abuse', 'groom', 'exploitation', 'exploit', 'rape', 'molest', 'cse', 'sexual abuse', 'sexual exploitation'],
  ['offender', 'perpetrator', 'abuser', 'groomer', 'criminal', 'rapist', 'culprit'],
  ['gang', 'ring', 'network', 'gangs'],
  ['controversy', 'controversial', 'row', 'furore', 'furor', 'dispute', 'outcry', 'debate'],
  ['inquiry', 'enquiry', 'investigation', 'investigate', 'probe'],
  ['report', 'review', 'study'],
  ['election', 'vote', 'poll', 'ballot', 'general election', 'snap election'],
  ['government', 'govt', 'gov', 'administration', 'whitehall', 'downing street', 'number 10', 'no 10', 'authorities'],
  ['uk', 'britain', 'british', 'united kingdom', 'great britain', 'england', 'english', 'brits'],
  ['usa', 'american', 'america', 'united states', 'u s', 'the us', 'a us', 'an us'],
  ['billionaire', 'rich', 'wealthy', 'tycoon', 'mogul', 'magnate', 'richest'],
  ['tech', 'technology', 'entrepreneur', 'businessman'],
  ['own', 'owner', 'ownership'],
  ['platform', 'site', 'website', 'app', 'social media', 'social network', 'social media site', 'social media platform'],
  ['far right', 'far-right', 'extreme right', 'right wing extremist', 'right-wing extremist', 'farright'],
  ['immigrant', 'immigration', 'migrant', 'migration', 'asylum', 'refugee'],
  ['riot', 'violence', 'violent', 'unrest', 'disorder', 'disturbance', 'rioter', 'rioting', 'turmoil'],
  ['protest', 'protester', 'protestor', 'demonstrator', 'demonstration', 'marcher'],
  ['police', 'policing', 'cop', 'officer', 'law enforcement'],
  ['prosecute', 'prosecution', 'prosecutor', 'justice', 'off the hook', 'let off', 'get away with', 'got away with', 'unpunished', 'convict', 'conviction', 'charge', 'trial', 'punish', 'punishment'],
  ['fail', 'failure', 'let down'],
  ['cover-up', 'cover up', 'coverup', 'covered up', 'whitewash', 'hush up', 'hushed up', 'hide', 'conceal', 'concealment'],
  ['safeguard', 'safeguarding', 'protection', 'child protection', 'protect'],
  ['ally', 'confidant', 'confidante', 'friend', 'adviser', 'advisor', 'associate', 'close to', 'pal', 'buddy', 'crony'],
  ['inevitable', 'unavoidable', 'bound to happen', 'imminent'],
  ['civil war', 'civilwar'],
  ['soviet', 'soviet union', 'ussr', 'soviets', 'communist', 'stalin', 'stasi'],
  ['misinformation', 'misinform', 'disinformation', 'fake news', 'false information', 'falsehood', 'misinformed'],
  ['censor', 'censorship', 'crackdown', 'free speech', 'freedom of speech', 'online safety', 'weed out'],
  ['landslide', 'big win', 'huge win', 'massive win', 'sweeping'],
  ['win', 'victory', 'victorious', 'beat', 'triumph'],
  ['hashtag', 'tag', 'trend', 'trending'],
  ['retweet', 'repost', 'share', 'amplify', 'boost', 'quote tweet'],
  ['support', 'supportive', 'back', 'backing', 'endorse', 'endorsement', 'champion', 'praise', 'stand by', 'side with', 'sympathise', 'sympathize', 'favor', 'favour', 'in favour', 'in favor'],
  ['demand', 'call for', 'calls for', 'called for', 'calling for', 'want', 'urge', 'request', 'ask for', 'asked for', 'push for', 'pushed for', 'plea', 'appeal'],
  ['deserve', 'deserving'],
  ['tackle', 'address', 'deal with', 'dealing with', 'fight', 'combat', 'crack down', 'clamp down', 'handle', 'handling'],
  ['collaborate', 'work with', 'working with', 'cooperate', 'co-operate', 'help', 'team up', 'partner', 'roll up', 'join forces', 'pitch in'],
  ['welcome', 'happy', 'glad', 'pleased', 'embrace', 'open to', 'willing', 'receptive'],
  ['agency', 'service', 'social service', 'council', 'local authority', 'local authorities', 'social worker'],
  ['lead', 'run', 'head', 'chair', 'in charge', 'oversee', 'led'],
  ['national', 'nation', 'nationwide', 'countrywide', 'country', 'whole country', 'statutory'],
  ['town', 'city', 'place', 'area', 'location', 'borough'],
  ['decade', 'ten years', '10 years'],
  ['ethnic', 'ethnicity', 'race', 'racial', 'racism', 'racist', 'background', 'heritage', 'origin', 'descent'],
  ['substantiate', 'substantiated', 'unsubstantiated', 'make up', 'made up', 'making up', 'fabricate', 'invent', 'lie', 'lying', 'true', 'truth', 'accurate', 'accuracy', 'factual', 'fact', 'evidence', 'proof', 'proven', 'verified', 'unfounded', 'baseless', 'false', 'untrue', 'valid', 'backed up'],
  ['misjudge', 'misjudged', 'wrong', 'mistaken', 'incorrect', 'misguided', 'ill-judged', 'off base', 'off the mark'],
  ['view', 'think', 'believe', 'opinion', 'position', 'stance', 'feel', 'take on', 'thoughts', 'verdict', 'attitude'],
  ['interest', 'interested', 'meddle', 'meddling', 'interfere', 'interference', 'obsess', 'obsessed', 'fixate', 'focus', 'intervene', 'intervention', 'keen'],
  ['harsh', 'harshly', 'tough', 'tougher', 'severe', 'strict', 'unfair', 'unequal', 'differently', 'lenient', 'leniency', 'soft', 'softer', 'preferential', 'special treatment'],
  ['contempt', 'contempt of court', 'court'],
  ['historic', 'historical', 'past', 'old', 'previous', 'earlier'],
  ['scandal', 'scandals', 'affair'],
  ['serious', 'seriously', 'grave', 'gravely'],
  ['girl', 'teenage girl', 'young women', 'young woman', 'daughter'],
  ['found', 'founder', 'founded', 'set up', 'establish', 'established', 'co-founder', 'cofounder'],
  ['end', 'finish', 'bring to an end'],
  ['rule', 'reign', 'tenure', 'in power', 'in office'],
  ['cover', 'covering', 'span', 'period', 'timeframe', 'time frame', 'time period', 'between'],
  ['job', 'role', 'occupation', 'career', 'profession', 'do for a living', 'position in government', 'title', 'post in government'],
  ['media', 'broadcaster', 'news channel', 'channel', 'tv', 'television', 'news outlet', 'outlet', 'interview', 'programme', 'program', 'show'],
  ['minister', 'secretary', 'cabinet minister', 'cabinet', 'politician', 'mp', 'official', 'lawmaker', 'frontbencher', 'member of parliament'],
  ['concern', 'worry', 'worried', 'fear', 'afraid', 'anxious', 'anxiety', 'alarm', 'apprehension'],
  ['compare', 'comparison', 'liken', 'equate', 'analogy', 'parallel', 'akin'],
  ['attempt', 'effort', 'try', 'bid', 'initiative', 'campaign', 'drive'],
  ['predominantly', 'predominant', 'mostly', 'mainly', 'largely', 'primarily', 'overwhelmingly', 'chiefly'],
  ['people', 'ppl', 'folks', 'voter', 'britons', 'citizen', 'population', 'citizenry'],
  ['apologise', 'apologize', 'apology', 'sorry', 'regret'],
  ['arrest', 'detain', 'detention'],
  ['victim', 'survivor'],
  ['number', 'amount', 'figure', 'total', 'statistic', 'tally'],
  ['term', 'stint', 'spell'],
  ['emerge', 'come to light', 'came to light', 'came out', 'come out', 'surface', 'uncover', 'reveal', 'expose', 'discover', 'first reported', 'brought to light'],
  ['flurry', 'barrage', 'spate', 'torrent', 'stream of', 'series of', 'string of', 'volley'],
  ['start', 'begin', 'spark', 'trigger', 'cause', 'prompt', 'provoke'],
  ['release', 'freed', 'free', 'get out', 'getting out', 'let out', 'parole'],
  ['resign', 'quit', 'step down', 'stand down', 'sack', 'fire', 'oust'],
  ['visit', 'come to', 'travel', 'trip', 'tour'],
  ['widespread', 'extensive', 'large scale', 'large-scale', 'systematic', 'systemic', 'rife'],
  ['name', 'nickname', 'alias', 'real name', 'known as', 'better known', 'pseudonym', 'moniker', 'aka', 'birth name', 'actual name'],
  ['summary', 'summarise', 'summarize', 'tldr', 'tl dr', 'gist', 'overview', 'recap', 'in a nutshell', 'eli5', 'main point', 'sum up', 'rundown', 'brief'],
  ['right', 'right wing', 'right-wing', 'centre right', 'center right'],
  ['left', 'left wing', 'left-wing', 'left of centre', 'left-of-centre', 'centre left', 'center left', 'progressive', 'socialist'],
  ['story', 'article', 'news story', 'piece', 'news article', 'this story'],
];

/**
 * Question words say what kind of answer is wanted ("when" wants a time, "how many" a
 * number), which separates "When did the abuse happen?" from "Where did the abuse happen?".
 * They become terms of their own, marked with "?" so they cannot meet a real word.
 */
/** Phrases that carry no meaning in a question, dropped like stop words. */
export const STOP_PHRASES: readonly string[] = [
  'right now', 'at the moment', 'these days', 'at present', 'tell me', 'do you know', 'can you tell me', 'i want to know',
  'i wonder', 'i heard', 'according to the story', 'according to the article', 'the story says', 'the article says', 'does the story say', 'does the article say', 'back then',
  'whats the deal with', 'what is the deal with', 'what was the deal with', 'or not', 'or what', 'straight answer',
  'for real', 'for a while', 'in full', 'word for word', 'supposed to', 'meant to', 'all this', 'for context', 'any context',
  // What people add around a question in a chat: asides about themselves or the thread.
  'as well', 'quick question', 'can someone explain', 'can anyone explain', 'someone explain', 'anyone know',
  'not my first language', 'english is not my first language', 'english isnt my first language', 'my english is not good',
  'asking for a friend', 'in one line', 'in one sentence', 'in a sentence', 'in short', 'in simple terms', 'in plain english',
  'this thread', 'on here', 'keep saying', 'i keep seeing', 'correct me if im wrong', 'if i understand correctly', 'thanks in advance',
];

export const QUESTION_WORDS: ReadonlyMap<string, string> = new Map([
  ['who', '?who'], ['whos', '?who'], ['whom', '?who'], ['whose', '?who'],
  ['when', '?when'], ['whens', '?when'], ['what year', '?when'], ['which year', '?when'], ['what date', '?when'],
  ['what day', '?when'], ['which day', '?when'], ['what month', '?when'], ['what time', '?when'], ['how long ago', '?when'],
  ['where', '?where'], ['wheres', '?where'],
  ['why', '?why'], ['whys', '?why'], ['y', '?why'], ['what reason', '?why'], ['how come', '?why'],
  ['how', '?how'], ['hows', '?how'],
  ['how many', '?count'], ['how much', '?count'], ['how long', '?count'], ['number of', '?count'], ['how big', '?count'], ['how large', '?count'],
]);

/**
 * Question words whose answer has a recognisable form, and what that form looks like in an
 * answer. An entry that neither is asked that way nor answers in that form is unlikely to
 * answer such a question: "When did Robinson found the EDL?" is not answered by who he is.
 */
export const ANSWER_FORMS: ReadonlyMap<string, RegExp> = new Map([
  ['?when', /\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|summer|winter|spring|autumn|decade|ago)\b/i],
  // An age is a number of years, or a birth year; a fortune is a sum of money. "How old is
  // Musk?" is not answered by who he is, nor "how rich is he?" by his being a billionaire.
  ['?age', /\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bborn (?:in )?(?:1[89]|20)\d\d\b/i],
  ['?worth', /[$£€]\s?\d|\b\d+(?:\.\d+)?\s?(?:trillion|billion|million|bn)\b|\bnet worth\b/i],
  ['?count', /\b(?!(?:1[89]|20)\d\d\b)\d+\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|hundreds|thousands)\b/i],
]);

/**
 * Forms asked by a phrase rather than by a question word of their own. They are found in
 * the question's text, not made terms: a rare term would outweigh the rest of the question
 * ("how old is Musk" matched "how old is this story" on "how old" alone).
 */
export const ASKED_FORM_PHRASES: ReadonlyMap<string, RegExp> = new Map([
  ['?age', /\b(?:how old|what age|which age|(?:his|her|their) age)\b/i],
  ['?worth', /\b(?:how (?:rich|wealthy)|net worth|how much money|how much (?:is|was) \w+(?: \w+)? worth)\b/i],
]);

/** Days and months: capitalised, not in the dictionary as lower-case words, and no names. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '),
);

export function formsAskedByPhrase(text: string): string[] {
  return [...ASKED_FORM_PHRASES].filter(([, pattern]) => pattern.test(text)).map(([form]) => form);
}

export function isQuestionWordTerm(term: string): boolean {
  return term.startsWith('?');
}

/** Writings of "U.S." that the lower-casing would turn into the pronoun "us". */
export const US_ABBREVIATION = /\bU\.?S\.?(?:A\.?)?(?=[^A-Za-z]|$)/g;
