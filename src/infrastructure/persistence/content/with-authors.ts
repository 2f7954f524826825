import { PublicProfile, UserDirectory } from '@domain/identity/user-directory.port';

/**
 * Replaces each article's `authorId` by the author's public profile, asked of identity's
 * directory in one call for the whole list. An article whose author has no profile is left
 * out, as the join on `users` this replaces did.
 */
export async function withAuthors<T extends { authorId: string }>(
  directory: UserDirectory,
  articles: readonly T[],
): Promise<Array<Omit<T, 'authorId'> & { author: PublicProfile }>> {
  if (articles.length === 0) return [];
  const profiles = await directory.publicProfiles(articles.map((a) => a.authorId));
  return articles.flatMap(({ authorId, ...article }) => {
    const author = profiles.get(authorId);
    return author ? [{ ...article, author }] : [];
  });
}
