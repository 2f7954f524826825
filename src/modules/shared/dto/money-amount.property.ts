import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '@domain/bank/money.value-object';

/**
 * An `amount` a client sends: integer minor units in [1, MAX_AMOUNT], checked and documented
 * the same way by every request that moves money (deposit, transfer, reward).
 */
export function MoneyAmountProperty(example: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      example,
      minimum: 1,
      maximum: MAX_AMOUNT,
      description: 'Integer minor units',
    }),
    IsInt(),
    Min(1),
    Max(MAX_AMOUNT),
  );
}
