// Twitter writes a reply's addressees in front of its text: "@a @b @c words…". The author did not type
// them (the client fills them in from the thread, like VKontakte's "[id…|name]" prefixes, which the
// importer strips from the Russian set), and no chat platform the console serves inserts such a run
// (Discord and Telegram show a reply as a reference beside the text). So the importer drops the leading
// run of @names from the tweet corpora (GermEval, ToLD-Br, MLMA, OffensEval-TR); mentions after the first
// word the author typed stay, and still count towards mention spam.

/** The leading run of @handles (Twitter's: letters, digits, underscore), each followed by space or the end. */
const REPLY_CHAIN = /^(?:@\w+(?:\s+|$))+/;

/** The tweet without the reply chain Twitter put in front of it ('' when the tweet was nothing else). */
export const withoutReplyChain = (text: string): string => text.replace(REPLY_CHAIN, '').trim();

/** The public corpora made of tweets (eval/SOURCES.md), whose lines are read without their reply chain. */
export const TWEET_SOURCES: ReadonlySet<string> = new Set(['germeval-de', 'told-br-pt', 'mlma-ar', 'mlma-fr', 'offensive-tr']);
