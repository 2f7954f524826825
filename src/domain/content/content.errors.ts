import { DomainError } from '../shared/domain-error';

/** Withdraw needs something readers can see: a draft that was never published has nothing to withdraw. */
export class ArticleNotPublishedError extends DomainError {
  readonly code = 'ARTICLE_NOT_PUBLISHED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Only a published article can be withdrawn');
  }
}
