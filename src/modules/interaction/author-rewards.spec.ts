import {
  FakeClock,
  inMemoryLedger,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryOutbox,
  InMemoryPublishedArticles,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { CannotRewardSelfError } from '@domain/interaction/interaction.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { InteractionAuthorRewards } from './author-rewards';

describe('InteractionAuthorRewards (AUTHOR_REWARDS over in-memory ports, the real ledger)', () => {
  let accounts: InMemoryAccountRepository;
  let articles: InMemoryPublishedArticles;
  let uow: InMemoryUnitOfWork;
  let port: InteractionAuthorRewards;
  let clearing: string;
  let authorUsd: string;

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    articles = new InMemoryPublishedArticles();
    const outbox = new InMemoryOutbox();
    uow = new InMemoryUnitOfWork(accounts, outbox);
    const clock = new FakeClock('2030-05-01T09:00:00.000Z');
    port = new InteractionAuthorRewards(
      articles,
      new InMemoryAccountDirectory(accounts),
      inMemoryLedger(accounts, outbox, uow, clock),
    );
    clearing = accounts.systemAccountId('clearing', 'USD');
    authorUsd = accounts.givenAccount('author', 'USD');
    articles.publish({
      id: 'article-1',
      title: 'T',
      abstract: 'A',
      author: { id: 'author', username: 'author', nickname: null },
      publishedAt: clock.now(),
    });
  });

  const inUnit = <T>(work: () => Promise<T>) => uow.run(work);

  it('assertRewardable: a missing article 404, your own 422 CANNOT_REWARD_SELF, an author without the currency 422', async () => {
    await expect(inUnit(() => port.assertRewardable('reader', 'article-1', 'USD'))).resolves.toBe(
      undefined,
    );
    await expect(inUnit(() => port.assertRewardable('reader', 'nope', 'USD'))).rejects.toThrow(
      NotFoundError,
    );
    await expect(inUnit(() => port.assertRewardable('author', 'article-1', 'USD'))).rejects.toThrow(
      CannotRewardSelfError,
    );
    await expect(inUnit(() => port.assertRewardable('reader', 'article-1', 'EUR'))).rejects.toThrow(
      RecipientHasNoAccountError,
    );
  });

  it('rewardFrom(clearing) moves the amount to the author, kind reward, as a balance reward', async () => {
    const outcome = await inUnit(() =>
      port.rewardFrom('reader', 'article-1', clearing, 700, 'USD'),
    );
    expect(outcome).toEqual({ rewarded: true, transferId: expect.any(String) });
    const [transfer] = accounts.transfers();
    expect(transfer).toMatchObject({
      kind: 'reward',
      fromAccountId: clearing,
      toAccountId: authorUsd,
      amount: 700,
      note: 'Reward for article article-1',
    });
    expect(accounts.balanceOf(authorUsd)).toBe(700);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('rewardFrom on an article withdrawn meanwhile, or to an author without the account, moves nothing', async () => {
    expect(await inUnit(() => port.rewardFrom('reader', 'article-1', clearing, 7, 'EUR'))).toEqual({
      rewarded: false,
      reason: expect.stringContaining('EUR'),
    });
    articles.withdraw('article-1');
    expect(await inUnit(() => port.rewardFrom('reader', 'article-1', clearing, 7, 'USD'))).toEqual({
      rewarded: false,
      reason: expect.any(String),
    });
    expect(accounts.transfers()).toEqual([]);
  });
});
