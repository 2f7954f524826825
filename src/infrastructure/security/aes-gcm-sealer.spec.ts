import { AesGcmSealer } from './aes-gcm-sealer';

const SECRET = 'a-server-secret-of-at-least-32-characters!';

describe('AesGcmSealer', () => {
  const sealer = new AesGcmSealer(SECRET, 'test');

  it('round-trips, and hides the text', () => {
    const sealed = sealer.seal('Atrium sign-in code: 012345.');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('012345');
    expect(sealer.open(sealed)).toBe('Atrium sign-in code: 012345.');
  });

  it('uses a fresh IV each time', () => {
    expect(sealer.seal('same')).not.toBe(sealer.seal('same'));
  });

  it('rejects tampering', () => {
    const [v, iv, body, tag] = sealer.seal('hello world').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => sealer.open([v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => sealer.open('garbage')).toThrow('Not a sealed value');
  });

  it('another secret or another purpose cannot open it', () => {
    const sealed = sealer.seal('hello');
    expect(() => new AesGcmSealer(`${SECRET}x`, 'test').open(sealed)).toThrow();
    expect(() => new AesGcmSealer(SECRET, 'other').open(sealed)).toThrow();
  });
});
