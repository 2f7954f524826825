import { Injectable } from '@nestjs/common';

/**
 * The sandbox's outage switch, for tests and demonstrations of a provider that is down: while
 * `refunds` is on, every refund request fails (as a real provider's 5xx would), and Atrium must
 * retry until it is off again. Per process, set with POST /sandbox/outage.
 */
@Injectable()
export class SandboxOutage {
  refunds = false;
}
