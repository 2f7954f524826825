import { ValidationError } from '../shared/domain-error';
import { abstractOf, Article } from './article.aggregate';
import { ArticleNotPublishedError } from './content.errors';

const t0 = new Date('2026-11-20T10:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function draft(): Article {
  return Article.create({
    id: 'a1',
    authorId: 'u1',
    title: 'Title',
    content: 'Hello world',
    now: t0,
  });
}

describe('Article', () => {
  it('starts as a private draft without a published version', () => {
    const s = draft().snapshot();
    expect(s).toEqual(
      expect.objectContaining({
        status: 'draft',
        hasUnpublishedChanges: false,
        publishedAt: null,
        createdAt: t0,
        updatedAt: t0,
      }),
    );
  });

  it.each([
    ['title', { title: '' }],
    ['title', { title: 'x'.repeat(201) }],
    ['content', { content: '' }],
    ['content', { content: 'x'.repeat(100_001) }],
  ])('rejects a bad %s on create and on edit', (field, bad) => {
    expect(() =>
      Article.create({ id: 'a', authorId: 'u', title: 'T', content: 'C', now: t0, ...bad }),
    ).toThrow(ValidationError);
    const a = draft();
    expect(() => a.edit(bad, at(1))).toThrow(ValidationError);
    expect(a.snapshot().updatedAt).toEqual(t0);
  });

  it('counts characters as code points (an emoji is one character)', () => {
    expect(() =>
      Article.create({ id: 'a', authorId: 'u', title: '😀'.repeat(200), content: 'c', now: t0 }),
    ).not.toThrow();
    expect(() =>
      Article.create({ id: 'a', authorId: 'u', title: '😀'.repeat(201), content: 'c', now: t0 }),
    ).toThrow(ValidationError);
  });

  it('abstract is the first 128 characters of the content', () => {
    expect(abstractOf('a'.repeat(300))).toBe('a'.repeat(128));
    expect(abstractOf('short')).toBe('short');
    expect(abstractOf('😀'.repeat(200))).toBe('😀'.repeat(128));
  });

  it('publish copies the draft and sets publishedAt', () => {
    const a = draft();
    const v = a.publish(at(5));
    expect(v).toEqual({
      id: 'a1',
      authorId: 'u1',
      title: 'Title',
      content: 'Hello world',
      abstract: 'Hello world',
      publishedAt: at(5),
    });
    expect(a.snapshot()).toEqual(
      expect.objectContaining({
        status: 'published',
        publishedAt: at(5),
        hasUnpublishedChanges: false,
      }),
    );
  });

  it('editing a draft that was never published has no "unpublished changes"', () => {
    const a = draft();
    expect(a.edit({ title: 'New' }, at(1))).toBe(true);
    expect(a.snapshot()).toEqual(
      expect.objectContaining({ title: 'New', hasUnpublishedChanges: false, updatedAt: at(1) }),
    );
  });

  it('editing a published article marks unpublished changes until the next publish, which keeps publishedAt', () => {
    const a = draft();
    a.publish(at(5));
    expect(a.edit({ content: 'Changed' }, at(6))).toBe(true);
    expect(a.snapshot()).toEqual(
      expect.objectContaining({
        status: 'published',
        hasUnpublishedChanges: true,
        content: 'Changed',
      }),
    );
    const v = a.publish(at(7));
    expect(v.content).toBe('Changed');
    expect(v.publishedAt).toEqual(at(5));
    expect(a.snapshot().hasUnpublishedChanges).toBe(false);
  });

  it('an edit to identical text is not a change', () => {
    const a = draft();
    a.publish(at(1));
    expect(a.edit({ title: 'Title', content: 'Hello world' }, at(2))).toBe(false);
    expect(a.snapshot()).toEqual(
      expect.objectContaining({ hasUnpublishedChanges: false, updatedAt: at(1) }),
    );
  });

  it('withdraw hides a published article; withdrawing again is a no-op; republish makes it visible with a new publishedAt', () => {
    const a = draft();
    a.publish(at(1));
    expect(a.withdraw(at(2))).toBe(true);
    expect(a.status).toBe('withdrawn');
    expect(a.withdraw(at(3))).toBe(false);
    expect(a.snapshot().updatedAt).toEqual(at(2));
    a.edit({ title: 'Back' }, at(4));
    expect(a.snapshot().hasUnpublishedChanges).toBe(true);
    const v = a.publish(at(5));
    expect(v).toEqual(expect.objectContaining({ title: 'Back', publishedAt: at(5) }));
    expect(a.snapshot()).toEqual(
      expect.objectContaining({ status: 'published', hasUnpublishedChanges: false }),
    );
  });

  it('updatedAt strictly increases with every change, even when the clock steps back or stands still (the version search orders states by)', () => {
    const a = draft();
    a.publish(at(5));
    const published = a.snapshot().updatedAt.getTime();
    a.withdraw(at(5)); // same millisecond
    const withdrawn = a.snapshot().updatedAt.getTime();
    expect(withdrawn).toBe(published + 1);
    a.edit({ title: 'Behind' }, at(1)); // another instance's clock, 4 minutes behind
    const edited = a.snapshot().updatedAt.getTime();
    expect(edited).toBe(withdrawn + 1);
    a.publish(at(2));
    expect(a.snapshot().updatedAt.getTime()).toBe(edited + 1);
    a.withdraw(at(9));
    expect(a.snapshot().updatedAt).toEqual(at(9));
  });

  it('a never-published draft cannot be withdrawn', () => {
    const a = draft();
    expect(() => a.withdraw(at(1))).toThrow(ArticleNotPublishedError);
    expect(a.status).toBe('draft');
  });

  it('knows its author', () => {
    expect(draft().isOwnedBy('u1')).toBe(true);
    expect(draft().isOwnedBy('u2')).toBe(false);
  });
});
