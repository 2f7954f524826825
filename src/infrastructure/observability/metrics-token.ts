import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { bearerMatches } from './bearer-token';

/** A scrape of /metrics carrying the right METRICS_TOKEN (the rate limit lets it through). */
export function isAuthorizedMetricsScrape(
  context: ExecutionContext,
  token: string | undefined,
): boolean {
  if (token === undefined || context.getType() !== 'http') return false;
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return (
    request.url.split('?')[0] === '/metrics' && bearerMatches(request.headers.authorization, token)
  );
}

/**
 * GET /metrics: with METRICS_TOKEN set (required in production), only `Authorization: Bearer
 * <METRICS_TOKEN>` gets the metrics; anything else is 401 problem+json (UNAUTHENTICATED).
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.env.METRICS_TOKEN;
    if (token === undefined) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (bearerMatches(request.headers.authorization, token)) return true;
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException();
  }
}
