import { SearchDocument } from '@domain/search/search-document';
import {
  bufferToUuid,
  nullableUuidToBuffer,
  toBoolean,
  toSafeInteger,
  uuidToBuffer,
} from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface SearchArticleRow {
  article_id: Buffer;
  author_id: Buffer | null;
  title: string;
  body: string;
  published_at: Date | null;
  visible: boolean | number;
  version: number | string;
  indexed_at: Date;
}

/** An article's entry in `search_articles`: a published document, or a tombstone. */
export interface SearchEntry {
  articleId: string;
  /** Null: a tombstone (the article is not published at `version`). */
  document: SearchDocument | null;
  version: number;
  indexedAt: Date;
}

export const searchArticleMapper: RowMapper<SearchEntry, SearchArticleRow> = {
  table: 'search_articles',
  columns: [
    'article_id',
    'author_id',
    'title',
    'body',
    'published_at',
    'visible',
    'version',
    'indexed_at',
  ],
  toDomain: (r) => {
    const articleId = bufferToUuid(r.article_id);
    const version = toSafeInteger(r.version);
    const visible = toBoolean(r.visible);
    return {
      articleId,
      version,
      indexedAt: r.indexed_at,
      document:
        visible && r.author_id && r.published_at
          ? {
              articleId,
              authorId: bufferToUuid(r.author_id),
              title: r.title,
              body: r.body,
              publishedAt: r.published_at,
              version,
            }
          : null,
    };
  },
  toRow: (e) => ({
    article_id: uuidToBuffer(e.articleId),
    author_id: nullableUuidToBuffer(e.document?.authorId),
    title: e.document?.title ?? '',
    body: e.document?.body ?? '',
    published_at: e.document?.publishedAt ?? null,
    visible: e.document !== null,
    version: e.version,
    indexed_at: e.indexedAt,
  }),
};
