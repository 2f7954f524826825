import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/auth.decorators';
import { QueueHealthIndicator } from '../queue/queue.health';
import { RedisHealthIndicator } from './redis.health';

const DEPENDENCY_STATUS = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    required: ['status'],
    // Nothing but up or down: no hosts, ports or driver messages.
    additionalProperties: false,
  },
};

/** The body of /health/ready (@nestjs/terminus' HealthCheckResult), per dependency up or down. */
const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: DEPENDENCY_STATUS,
    error: DEPENDENCY_STATUS,
    details: DEPENDENCY_STATUS,
  },
  required: ['status', 'details'],
};

@ApiTags('operations')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'checkLiveness', summary: 'Liveness: 200 while the process runs' })
  @ApiOkResponse({
    description: 'The process is running',
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] } },
      required: ['status'],
    },
  })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkReadiness',
    summary: 'Readiness: 200 when the database, Redis and the queue connection answer, else 503',
  })
  @ApiOkResponse({
    description: 'Database, Redis and the queue connection answer',
    schema: READINESS_SCHEMA,
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (see Retry-After); per-dependency detail in the body',
    schema: READINESS_SCHEMA,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return publicHealth(
        await this.health.check([
          () => this.db.pingCheck('database', { timeout: 1500 }),
          () => this.redis.check('redis'),
          () => this.queue.check('queue'),
        ]),
      );
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      reply.status(503).header('Retry-After', '5');
      return publicHealth(err.getResponse() as HealthCheckResult);
    }
  }
}

/**
 * Each dependency as up or down, and nothing else: a driver's message names hosts, ports and
 * users (`connect ECONNREFUSED 10.0.3.7:3306`), which a public endpoint must not tell.
 */
export function publicHealth(result: HealthCheckResult): HealthCheckResult {
  const only = (
    part: Partial<HealthCheckResult['details']> | undefined,
  ): HealthCheckResult['details'] => {
    const out: HealthCheckResult['details'] = {};
    for (const [name, detail] of Object.entries(part ?? {})) {
      out[name] = { status: detail?.status === 'up' ? 'up' : 'down' };
    }
    return out;
  };
  return {
    status: result.status,
    info: only(result.info),
    error: only(result.error),
    details: only(result.details),
  };
}
