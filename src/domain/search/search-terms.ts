/**
 * The InnoDB full-text parser's smallest indexed word (`innodb_ft_min_token_size`, 3 on MariaDB
 * and MySQL): shorter words are not in the index, so a query term below it can match nothing.
 */
export const MIN_TERM_CHARS = 3;
/** `innodb_ft_max_token_size` (84): longer words are not indexed either. */
export const MAX_TERM_CHARS = 84;
/** A 100-character query holds at most 25 words of 3 letters; more is never needed. */
export const MAX_TERMS = 25;
export const QUERY_MAX_CHARS = 100;

/**
 * A word as the index sees it: letters (with their combining marks) and digits. Everything else
 * is a separator, as for InnoDB's parser (which also splits at `_` and `'`), so the full-text
 * operators `+ - * " ( ) ~ < > @`, quotes, backslashes and SQL punctuation can never reach the
 * engine: they only ever split words.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function codePoints(word: string): number {
  let n = 0;
  for (const _ of word) n++;
  return n;
}

/**
 * The words of a user's query that the index can match: plain words only, lower-cased, each once,
 * in order. Empty when nothing searchable is left (only operators, punctuation, or words shorter
 * than MIN_TERM_CHARS); the caller answers that with an empty list, not an error. Stopwords (`the`,
 * `and`...) are kept: the engine ignores them itself.
 */
export function searchTermsOf(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.normalize('NFC').matchAll(WORD)) {
    const word = match[0].toLowerCase();
    const n = codePoints(word);
    if (n < MIN_TERM_CHARS || n > MAX_TERM_CHARS || terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}
