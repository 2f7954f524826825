import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@infra/http/pagination';

export class ListOrdersRequest extends PageQuery {
  @ApiPropertyOptional({
    enum: ['guest', 'host'],
    default: 'guest',
    description: 'Orders you placed, or orders of your homestays',
  })
  @IsOptional()
  @IsIn(['guest', 'host'])
  as: 'guest' | 'host' = 'guest';
}
