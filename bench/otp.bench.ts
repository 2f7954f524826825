import { randomInt } from 'node:crypto';
import { load, report, startProcess } from './harness';

/**
 * POST /v1/auth/otp/send (one Redis Lua script + the file SMS provider) and
 * POST /v1/auth/otp/verify with a wrong code (one Lua script), each against GET /health/live
 * of the same process (the framework's floor), 16 connections.
 */
export async function otpBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], { ...appEnv, SMS_PROVIDERS: 'file' });
  try {
    // A new number per request: one number may only get a code every 60 s.
    const phone = () => `+1${String(randomInt(2_000_000_000, 9_999_999_999))}`;
    const json = { 'content-type': 'application/json' };
    const send = await load('POST /v1/auth/otp/send', api.url, {
      connections: 16,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/v1/auth/otp/send',
          headers: json,
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ phone: phone() }) }),
        },
      ],
    });
    const verify = await load('POST /v1/auth/otp/verify (401)', api.url, {
      connections: 16,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/v1/auth/otp/verify',
          headers: json,
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ phone: phone(), code: '000000' }),
          }),
        },
      ],
    });
    const floor = await load('GET /health/live (same process)', api.url, {
      connections: 16,
      duration,
      requests: [{ method: 'GET', path: '/health/live' }],
    });
    return [
      report('OTP send, 16 connections (vs the framework floor)', send, floor),
      report(
        'OTP verify, wrong number/code, 16 connections (vs the framework floor; 401 expected)',
        verify,
        floor,
      ),
    ];
  } finally {
    await api.stop();
  }
}
