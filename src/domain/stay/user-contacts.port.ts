/** The email address the stay context writes to about a user's orders (null: none on file). */
export interface UserContacts {
  emailOf(userId: string): Promise<string | null>;
}

export const USER_CONTACTS = Symbol('UserContacts');
