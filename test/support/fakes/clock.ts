import { Clock } from '@domain/shared/clock';

/** A clock the test moves by hand: `now()` never changes on its own. */
export class FakeClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2030-01-01T12:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(at: Date): void {
    this.ms = at.getTime();
  }
}
