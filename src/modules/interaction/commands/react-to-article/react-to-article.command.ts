import type { Reaction } from '@domain/interaction/reaction.repository';

/** Like/unlike or collect/uncollect: `on` is the state the reader wants (PUT true, DELETE false). */
export class ReactToArticleCommand {
  constructor(
    readonly userId: string,
    readonly articleId: string,
    readonly reaction: Reaction,
    readonly on: boolean,
  ) {}
}
