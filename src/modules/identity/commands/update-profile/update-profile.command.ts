import type { ProfilePatch } from '@domain/identity/user.aggregate';

export class UpdateProfileCommand {
  constructor(
    readonly userId: string,
    readonly patch: ProfilePatch,
  ) {}
}
