/** What other contexts may know of a person: the public profile shown beside their content. */
export interface PublicProfile {
  id: string;
  username: string;
  nickname: string | null;
}

/**
 * The identity context's read port for the other contexts (content and interaction show
 * authors, stay writes to guests and hosts). IdentityModule exports it; nobody else reads
 * the `users` table.
 */
export interface UserDirectory {
  /** The profiles of the users that exist among `ids` (missing ids are absent from the map). */
  publicProfiles(ids: readonly string[]): Promise<Map<string, PublicProfile>>;
  /** One user's public profile with the bio (null: no such user); never email, phone or name. */
  profileOf(id: string): Promise<(PublicProfile & { bio: string | null }) | null>;
  /** The email address on file (null: none, or no such user). */
  emailOf(userId: string): Promise<string | null>;
}

export const USER_DIRECTORY = Symbol('UserDirectory');
