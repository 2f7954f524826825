import { ValidationError } from '../shared/domain-error';
import { Email } from './email.value-object';

/** A syntactically valid address of exactly `length` characters with a 64-char local part. */
function addressOfLength(length: number): string {
  const local = 'a'.repeat(64);
  const fixed = `${local}@${'b'.repeat(63)}.${'c'.repeat(63)}.`;
  return fixed + 'd'.repeat(length - fixed.length);
}

describe('Email', () => {
  it('lower-cases and trims the address', () => {
    expect(Email.create('  Alice.Smith@Example.COM \n').value).toBe('alice.smith@example.com');
  });

  it.each([
    ['alice@example.com', 'a plain address'],
    ['alice+newsletter@example.com', 'plus-addressing'],
    ['alice@mail.eu.example.co.uk', 'subdomains'],
    ['first.last@example.org', 'dots in the local part'],
    ['o_brien-99@my-host.io', 'underscores and hyphens'],
    [`${'a'.repeat(64)}@example.com`, 'a local part of exactly 64 chars'],
  ])('accepts %p (%s)', (raw) => {
    expect(Email.create(raw).value).toBe(raw);
  });

  it('accepts an address of exactly 254 characters', () => {
    const raw = addressOfLength(254);
    expect(raw).toHaveLength(254);
    expect(Email.create(raw).value).toBe(raw);
  });

  it.each([
    ['alice.example.com', 'no @'],
    ['alice@localhost', 'no TLD'],
    ['alice@example.c', 'a one-letter TLD'],
    ['ali ce@example.com', 'a space in the local part'],
    ['alice@exa mple.com', 'a space in the domain'],
    ['alice..smith@example.com', 'double dots in the local part'],
    ['alice@example..com', 'double dots in the domain'],
    ['.alice@example.com', 'a leading dot'],
    ['alice@@example.com', 'two @ signs'],
    ['@example.com', 'an empty local part'],
    ['alice@', 'an empty domain'],
    ['', 'an empty string'],
    [`${'a'.repeat(65)}@example.com`, 'a local part over 64 chars'],
  ])('rejects %p (%s)', (raw) => {
    expect(() => Email.create(raw)).toThrow(ValidationError);
  });

  it('rejects an address over 254 characters', () => {
    const raw = addressOfLength(255);
    expect(raw).toHaveLength(255);
    expect(() => Email.create(raw)).toThrow(ValidationError);
  });

  it('reports the failure on the "email" field', () => {
    expect(() => Email.create('nope')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fieldErrors: [expect.objectContaining({ field: 'email' })],
      }),
    );
  });
});
