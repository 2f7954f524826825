import { domainError } from '../shared/domain-error';

/** Withdraw needs something readers can see: a draft that was never published has nothing to withdraw. */
export class ArticleNotPublishedError extends domainError(
  'ARTICLE_NOT_PUBLISHED',
  'conflict',
  'Only a published article can be withdrawn',
) {}
