import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
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
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1500 }),
        () => this.redis.check('redis'),
        () => this.queue.check('queue'),
      ]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      reply.status(503).header('Retry-After', '5');
      return err.getResponse();
    }
  }
}
