import { SignatureInvalidError } from '@domain/payment/payment.errors';
import { signatureHeader, verifySignature } from './sandbox-signature';

const SECRET = 'unit-test-webhook-secret';
const BODY = '{"id":"evt_1","type":"payment.succeeded"}';
const NOW_MS = 1_800_000_000_000;
const NOW_S = NOW_MS / 1000;

function refusal(header: string | string[] | undefined, body = BODY): SignatureInvalidError {
  try {
    verifySignature(SECRET, body, header, NOW_MS);
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect((error as SignatureInvalidError).code).toBe('SIGNATURE_INVALID');
    expect((error as SignatureInvalidError).kind).toBe('validation');
    return error as SignatureInvalidError;
  }
  throw new Error('the signature was accepted');
}

describe('sandbox webhook signature', () => {
  it('accepts the signature of the exact body within the tolerance, either side', () => {
    for (const t of [NOW_S, NOW_S - 300, NOW_S + 300]) {
      expect(() =>
        verifySignature(SECRET, BODY, signatureHeader(SECRET, BODY, t), NOW_MS),
      ).not.toThrow();
    }
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const good = signatureHeader(SECRET, BODY, NOW_S);
    const other = signatureHeader('another-secret-value', BODY, NOW_S).split(',')[1];
    expect(() => verifySignature(SECRET, BODY, `${good},${other}`, NOW_MS)).not.toThrow();
  });

  it('refuses a missing header', () => {
    expect(refusal(undefined).message).toMatch(/missing/);
    expect(refusal('').message).toMatch(/missing/);
  });

  it('refuses a wrong signature: another secret, another body, a flipped digit', () => {
    refusal(signatureHeader('another-secret-value', BODY, NOW_S));
    refusal(signatureHeader(SECRET, BODY, NOW_S), `${BODY} `);
    const header = signatureHeader(SECRET, BODY, NOW_S);
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(refusal(flipped).message).toMatch(/does not match/);
  });

  it('refuses a signature whose t was changed (t is signed too)', () => {
    const [, v1] = signatureHeader(SECRET, BODY, NOW_S).split(',');
    refusal(`t=${NOW_S - 1},${v1}`);
  });

  it('refuses malformed headers', () => {
    const v1 = signatureHeader(SECRET, BODY, NOW_S).split(',')[1];
    for (const header of [
      'garbage',
      `t=${NOW_S}`,
      v1,
      `t=abc,${v1}`,
      `t=${NOW_S},v1=xyz`,
      `t=${NOW_S},t=${NOW_S},${v1}`,
      `t=${NOW_S},v1=${'a'.repeat(63)}`,
      `=1,${v1}`,
    ]) {
      expect(refusal(header).message).toMatch(/malformed/);
    }
    refusal([signatureHeader(SECRET, BODY, NOW_S), signatureHeader(SECRET, BODY, NOW_S)]);
  });

  it('refuses a stale signature (t more than 300 s ago)', () => {
    expect(refusal(signatureHeader(SECRET, BODY, NOW_S - 301)).message).toMatch(/too far/);
  });

  it('refuses a signature from the future (t more than 300 s ahead)', () => {
    expect(refusal(signatureHeader(SECRET, BODY, NOW_S + 301)).message).toMatch(/too far/);
  });
});
