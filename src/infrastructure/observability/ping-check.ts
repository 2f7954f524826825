import { HealthIndicatorService } from '@nestjs/terminus';

/** A dependency's readiness: `up` with the round trip of `ping`, `down` if it fails. */
export async function pingCheck(
  health: HealthIndicatorService,
  key: string,
  ping: () => Promise<unknown>,
) {
  const indicator = health.check(key);
  try {
    const started = Date.now();
    await ping();
    return indicator.up({ latencyMs: Date.now() - started });
  } catch {
    return indicator.down();
  }
}
