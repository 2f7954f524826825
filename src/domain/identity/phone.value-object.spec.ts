import { ValidationError } from '../shared/domain-error';
import { Phone } from './phone.value-object';

describe('Phone (E.164)', () => {
  it.each(['+14155550123', '+861380013800', '+4915112345678', '+1234567'])('accepts %s', (raw) => {
    expect(Phone.create(raw).value).toBe(raw);
  });

  it.each([
    '14155550123',
    '+0155550123',
    '+1 415 555 0123',
    '+1234567890123456',
    '+12345',
    '',
    '+1415555012a',
  ])('rejects %j', (raw) => {
    expect(() => Phone.create(raw)).toThrow(ValidationError);
  });
});
