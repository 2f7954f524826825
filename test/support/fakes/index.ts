/**
 * In-memory ports for handler unit tests: pure TypeScript over the domain's port interfaces
 * (no Nest container, no database, no Redis). Stores keep snapshots and take part in the
 * InMemoryUnitOfWork's rollback, so a handler's rules are tested with real state changes.
 */
export { inMemoryLedger, InMemoryAccountDirectory, InMemoryAccountRepository } from './bank';
export { FakeClock } from './clock';
export { InMemoryPublishedArticles } from './content';
export {
  InMemoryCommentPostCounter,
  InMemoryCommentRepository,
  InMemoryUserDirectory,
} from './comments';
export { InMemoryReactionRepository } from './interaction';
export { InMemoryOutbox } from './outbox';
export { InMemoryFollowRepository, InMemoryTimelineRepository } from './social';
export { InMemoryArticleSearchIndex } from './search';
export {
  FakeAuthorRewards,
  FakeOrderPayments,
  FakePaymentProvider,
  InMemoryPaymentRepository,
} from './payment';
export { InMemoryCheckInCredentialRepository, InMemoryOrderRepository } from './stay';
export { InMemoryUnitOfWork, SimulatedDeadlock } from './unit-of-work';
export type { Transactional } from './unit-of-work';
export { StayWorld } from './stay-world';
export type { StayEnv } from './stay-world';
