import { MoneyAmountProperty } from '@modules/shared/dto/money-amount.property';

export class DepositRequest {
  @MoneyAmountProperty(100000)
  amount: number;
}
