import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const warnings: string[] = [];
  const logger = { warn: (m: string) => void warnings.push(m) } as unknown as Logger;

  beforeEach(() => {
    jest.useFakeTimers();
    warnings.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('runs a pass every interval, first after `firstAfter`', async () => {
    let passes = 0;
    const task = PeriodicTask.start({
      every: 1000,
      firstAfter: 10,
      run: async () => void passes++,
      logger,
      failure: 'x failed',
    });
    await jest.advanceTimersByTimeAsync(10);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(4);
    await task.stop();
  });

  it('never overlaps passes: the next starts an interval after the slow one ended', async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    const task = PeriodicTask.start({
      every: 100,
      run: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 1000));
        running--;
        passes++;
      },
      logger,
      failure: 'x failed',
    });
    await jest.advanceTimersByTimeAsync(100 + 1000 + 99);
    expect(passes).toBe(1);
    expect(maxRunning).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(running).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(2);
    expect(maxRunning).toBe(1);
    await task.stop();
  });

  it('logs a failed pass and keeps going', async () => {
    let passes = 0;
    const task = PeriodicTask.start({
      every: 100,
      run: async () => {
        passes++;
        throw new Error('database gone');
      },
      logger,
      failure: 'sweep failed',
    });
    await jest.advanceTimersByTimeAsync(200);
    expect(passes).toBe(2);
    expect(warnings).toEqual(['sweep failed: database gone', 'sweep failed: database gone']);
    await task.stop();
  });

  it('stop() waits for the running pass and schedules no other', async () => {
    let passes = 0;
    let finished = false;
    const task = PeriodicTask.start({
      every: 100,
      run: async () => {
        passes++;
        await new Promise((r) => setTimeout(r, 500));
        finished = true;
      },
      logger,
      failure: 'x failed',
    });
    await jest.advanceTimersByTimeAsync(100);
    const stopped = task.stop();
    await jest.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(1);
  });

  it('asks a computed interval after every pass', async () => {
    let passes = 0;
    const task = PeriodicTask.start({
      every: () => (passes < 3 ? 10 : 1000),
      firstAfter: 0,
      run: async () => void passes++,
      logger,
      failure: 'x failed',
    });
    await jest.advanceTimersByTimeAsync(20);
    expect(passes).toBe(3);
    await jest.advanceTimersByTimeAsync(999);
    expect(passes).toBe(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(4);
    await task.stop();
  });
});
