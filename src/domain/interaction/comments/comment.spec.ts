import { ValidationError } from '../../shared/domain-error';
import {
  checkCommentContent,
  checkParent,
  COMMENT_MAX_CHARS,
  mayDelete,
  planRemoval,
  StoredComment,
} from './comment';
import { InvalidParentError } from './comment.errors';

const ARTICLE = '0190a000-0000-7000-8000-000000000001';
const OTHER_ARTICLE = '0190a000-0000-7000-8000-000000000002';
const AT = new Date('2026-12-01T10:00:00.000Z');

function comment(overrides: Partial<StoredComment> = {}): StoredComment {
  return {
    id: '0190a000-0000-7000-8000-0000000000c1',
    articleId: ARTICLE,
    parentId: null,
    authorId: 'author-of-comment',
    content: 'hello',
    replyCount: 0,
    deletedAt: null,
    createdAt: AT,
    ...overrides,
  };
}

describe('comment content', () => {
  it('accepts 1 and 2,000 characters, counting code points (an emoji is one character)', () => {
    expect(() => checkCommentContent('a')).not.toThrow();
    expect(() => checkCommentContent('a'.repeat(COMMENT_MAX_CHARS))).not.toThrow();
    expect(() => checkCommentContent('😀'.repeat(COMMENT_MAX_CHARS))).not.toThrow();
  });

  it('refuses empty, blank, over-long and lone-surrogate content as a validation error on `content`', () => {
    for (const bad of [
      '',
      '   ',
      '\n\t ',
      'a'.repeat(COMMENT_MAX_CHARS + 1),
      'x\ud800',
      '\udc00x',
    ]) {
      let caught: unknown;
      try {
        checkCommentContent(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).fieldErrors[0].field).toBe('content');
    }
  });

  it('keeps surrounding whitespace (stored as sent, like articles)', () => {
    expect(() => checkCommentContent('  padded  ')).not.toThrow();
  });
});

describe('a reply parent', () => {
  const parent = comment({ id: '0190a000-0000-7000-8000-0000000000p1' });

  it('is a live top-level comment of the same article', () => {
    expect(checkParent(parent, ARTICLE)).toBe(parent);
  });

  it.each([
    ['unknown', null],
    ['of another article', comment({ articleId: OTHER_ARTICLE })],
    ['a reply (replies are one level deep)', comment({ parentId: parent.id })],
    ['deleted (kept only for its replies)', comment({ deletedAt: AT, content: '', replyCount: 2 })],
  ])('is refused with INVALID_PARENT when %s', (_what, candidate) => {
    expect(() => checkParent(candidate, ARTICLE)).toThrow(InvalidParentError);
    try {
      checkParent(candidate, ARTICLE);
    } catch (err) {
      expect((err as InvalidParentError).code).toBe('INVALID_PARENT');
      expect((err as InvalidParentError).kind).toBe('unprocessable');
    }
  });
});

describe('who may delete', () => {
  const c = comment({ authorId: 'commenter' });
  it('its author, the article author and an admin; nobody else', () => {
    expect(mayDelete({ userId: 'commenter', isAdmin: false }, c, 'writer')).toBe(true);
    expect(mayDelete({ userId: 'writer', isAdmin: false }, c, 'writer')).toBe(true);
    expect(mayDelete({ userId: 'moderator', isAdmin: true }, c, 'writer')).toBe(true);
    expect(mayDelete({ userId: 'stranger', isAdmin: false }, c, 'writer')).toBe(false);
  });
});

describe('what a deletion changes', () => {
  const top = comment({ id: 'top' });

  it('erases a top-level comment without replies', () => {
    expect(planRemoval(top, null)).toEqual({ kind: 'erase', ids: ['top'], parentId: null });
  });

  it('keeps a top-level comment with replies as a placeholder', () => {
    expect(planRemoval({ ...top, replyCount: 3 }, null)).toEqual({
      kind: 'placeholder',
      id: 'top',
    });
  });

  it("erases a reply and takes one off its live parent's replyCount", () => {
    const reply = comment({ id: 'r1', parentId: 'top' });
    expect(planRemoval(reply, { ...top, replyCount: 1 })).toEqual({
      kind: 'erase',
      ids: ['r1'],
      parentId: 'top',
    });
  });

  it('erases a deleted parent together with its last reply', () => {
    const reply = comment({ id: 'r1', parentId: 'top' });
    const placeholder = { ...top, deletedAt: AT, content: '', replyCount: 1 };
    expect(planRemoval(reply, placeholder)).toEqual({
      kind: 'erase',
      ids: ['r1', 'top'],
      parentId: null,
    });
  });

  it('keeps a deleted parent while other replies remain', () => {
    const reply = comment({ id: 'r1', parentId: 'top' });
    const placeholder = { ...top, deletedAt: AT, content: '', replyCount: 2 };
    expect(planRemoval(reply, placeholder)).toEqual({
      kind: 'erase',
      ids: ['r1'],
      parentId: 'top',
    });
  });

  it('refuses to plan for a comment already deleted, or a reply without its parent', () => {
    expect(() => planRemoval({ ...top, deletedAt: AT }, null)).toThrow();
    expect(() => planRemoval(comment({ id: 'r1', parentId: 'top' }), null)).toThrow();
  });
});
