import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RANKING_SIZE } from '@domain/interaction/ranking';

export class GetRankingRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: RANKING_SIZE, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RANKING_SIZE)
  limit: number = 10;
}
