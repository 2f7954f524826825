import { loginThrottleName, parseLogin } from './login-name';

describe('parseLogin (exact match apart from ASCII case)', () => {
  it.each([
    ['target2', { kind: 'username', value: 'target2' }],
    ['  TARGET2 ', { kind: 'username', value: 'target2' }],
    ['Ada@Example.COM', { kind: 'email', value: 'ada@example.com' }],
  ])('%p names %p', (raw, expected) => {
    expect(parseLogin(raw)).toEqual(expected);
  });

  it.each([
    ['tárget2', 'an accented letter'],
    ['târget2', 'another accent'],
    ['targe\u0301t2', 'a combining accent'],
    ['\u212Aarl', 'the Kelvin sign, which lowers to k'],
    ['ádmin@atrium.test', 'an accented email'],
    ['\u212Aarl@atrium.test', 'a Kelvin sign in an email'],
    ['tar\u200Bget2', 'a zero-width space'],
    ['ｔａｒｇｅｔ2', 'full-width letters'],
    ['ab', 'too short to be a username'],
    ['', 'empty'],
  ])('%p names no account: %s', (raw) => {
    expect(parseLogin(raw)).toBeNull();
  });
});

describe('loginThrottleName (every spelling of one name counts together)', () => {
  it.each([
    'target2',
    'TARGET2',
    'tárget2',
    'targét2',
    'târget2',
    'targe\u0301t2',
    ' tar\u200Bget2 ',
    'ｔａｒｇｅｔ2',
  ])('%p → target2', (raw) => {
    expect(loginThrottleName(raw)).toBe('target2');
  });

  it('emails fold the same way', () => {
    expect(loginThrottleName('ÁDMIN@Atrium.test')).toBe('admin@atrium.test');
  });

  it('different names stay different', () => {
    expect(loginThrottleName('target3')).not.toBe(loginThrottleName('target2'));
  });
});
