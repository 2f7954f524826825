/**
 * `{value}`, a Redis Cluster hash tag: keys that carry the same tag hash to the same slot (only
 * the part between the first `{` and the next `}` counts), so a Lua script, MULTI or multi-key
 * command over them works on a cluster. A single Redis ignores tags. Tag what must move together
 * and nothing more (a shared tag is one slot, on one master): the keys of one user or one phone
 * number, or a group that a script must count atomically. REDIS_PREFIX carries no tag.
 */
export function hashTag(value: string): string {
  return `{${value}}`;
}
