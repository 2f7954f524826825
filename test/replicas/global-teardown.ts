/** Kills the run's MariaDB primary and replica and removes their data directories. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { stopReplication?: () => Promise<void> }).stopReplication?.();
}
