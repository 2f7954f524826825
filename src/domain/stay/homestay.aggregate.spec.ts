import { ValidationError } from '../shared/domain-error';
import { Homestay, HomestayDetails } from './homestay.aggregate';

const now = new Date('2026-11-23T10:00:00.000Z');
const details: HomestayDetails = {
  title: 'Loft',
  description: 'Bright and quiet',
  city: 'Lisbon',
  pricePerNight: 9_900,
  currency: 'EUR',
  maxGuests: 2,
};

describe('Homestay', () => {
  it('is created with its host and details', () => {
    expect(Homestay.create('h1', 'host', details, now).snapshot()).toEqual({
      id: 'h1',
      hostId: 'host',
      ...details,
      createdAt: now,
    });
  });

  it.each([
    ['title', ''],
    ['title', '   '],
    ['title', 'x'.repeat(121)],
    ['description', ''],
    ['city', 'c'.repeat(101)],
    ['pricePerNight', 0],
    ['pricePerNight', 1.5],
    ['pricePerNight', 1_000_000_000_001],
    ['currency', 'GBP'],
    ['maxGuests', 0],
    ['maxGuests', 51],
  ])('refuses %s = %j', (field, value) => {
    expect(() =>
      Homestay.create('h1', 'host', { ...details, [field]: value } as HomestayDetails, now),
    ).toThrow(ValidationError);
  });

  it('edits only the given fields, all or nothing', () => {
    const h = Homestay.create('h1', 'host', details, now);
    h.edit({ title: 'Attic', maxGuests: 4, city: undefined });
    expect(h.snapshot()).toMatchObject({
      title: 'Attic',
      maxGuests: 4,
      city: 'Lisbon',
      hostId: 'host',
    });
    expect(() => h.edit({ title: 'Cellar', maxGuests: 0 })).toThrow(ValidationError);
    expect(h.snapshot().title).toBe('Attic');
  });
});
