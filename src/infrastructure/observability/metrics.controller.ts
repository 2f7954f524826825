import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../http/auth.decorators';
import { Metrics } from './metrics';
import { MetricsTokenGuard } from './metrics-token';

/**
 * Prometheus scrape endpoint. Not a user endpoint (@Public: no JWT); its own METRICS_TOKEN guard
 * protects it. It stays under the per-IP rate limit, except for a scrape with the right token
 * (src/app.module.ts), so a throttled client never reads it.
 */
@ApiExcludeController()
@Public()
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
