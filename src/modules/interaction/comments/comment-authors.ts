import type { StoredComment } from '@domain/interaction/comments/comment';
import type { PublicProfile, UserDirectory } from '@domain/identity/user-directory.port';
import { CommentResponse } from './dto/comment.response';

/**
 * Renders comments with their authors' public profiles, asked of identity's directory in one
 * call for everything given. A comment whose author has no profile is left out, as articles
 * are (withAuthors); users are never deleted, so this does not happen in practice.
 */
export async function withCommentAuthors(
  directory: UserDirectory,
  comments: readonly StoredComment[],
): Promise<(c: StoredComment) => CommentResponse | null> {
  const profiles: Map<string, PublicProfile> =
    comments.length === 0
      ? new Map()
      : await directory.publicProfiles([...new Set(comments.map((c) => c.authorId))]);
  return (c) => {
    const author = profiles.get(c.authorId);
    return author ? CommentResponse.from(c, author) : null;
  };
}
