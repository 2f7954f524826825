import { isUuid, newId } from './uuid';

describe('newId (UUIDv7)', () => {
  it('is a version-7, RFC-variant UUID', () => {
    const id = newId();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('sorts by creation time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a < b).toBe(true);
  });

  it('encodes the timestamp in the first 48 bits', () => {
    const id = newId(0x7123456789ab);
    expect(id.slice(0, 13)).toBe('71234567-89ab');
  });

  it('is strictly increasing within one millisecond and when the clock steps back', () => {
    const ms = 0x7fff00000000;
    const ids = Array.from({ length: 5000 }, (_, i) => newId(i === 2500 ? ms - 10 : ms));
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });

  it('rejects non-uuids', () => {
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
