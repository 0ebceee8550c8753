// The sandbox gateway's clock (Node realm): real time, plus whatever tests advanced it by through
// the test admin API (POST /__sandbox/clock/advance, mounted only with --test-admin), so a bank
// debit's outcome minutes away arrives when a test says, without the test sleeping.
export interface SandboxClockView {
  object: 'sandbox_clock';
  /** Sandbox time, unix seconds. */
  now: number;
  /** How far ahead of real time the sandbox is, in seconds. */
  advanced_by: number;
}

/** One advance at most a year: a bound against a typo, far beyond any bank's timing. */
export const MAX_CLOCK_ADVANCE_SECONDS = 365 * 24 * 60 * 60;

export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  describe(): SandboxClockView {
    return { object: 'sandbox_clock', now: Math.floor(this.nowMs() / 1000), advanced_by: Math.round(this.offsetMs / 1000) };
  }
}
