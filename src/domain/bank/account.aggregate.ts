import { InsufficientFundsError } from './bank.errors';
import { Currency } from './money.value-object';

export interface AccountProps {
  id: string;
  /** null for a system account (cash, escrow, revenue, clearing: see system-account.ts). */
  ownerId: string | null;
  currency: Currency;
  balance: number;
  createdAt: Date;
}

export class Account {
  private constructor(private props: AccountProps) {}

  static open(id: string, ownerId: string, currency: Currency, now: Date): Account {
    return new Account({ id, ownerId, currency, balance: 0, createdAt: now });
  }

  static restore(props: AccountProps): Account {
    return new Account({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get ownerId(): string | null {
    return this.props.ownerId;
  }
  get currency(): Currency {
    return this.props.currency;
  }
  get balance(): number {
    return this.props.balance;
  }
  /** System accounts may go negative: per currency all balances sum to zero. */
  get isSystem(): boolean {
    return this.props.ownerId === null;
  }

  snapshot(): Readonly<AccountProps> {
    return { ...this.props };
  }

  isVisibleTo(userId: string, isAdmin: boolean): boolean {
    return isAdmin || this.props.ownerId === userId;
  }

  debit(amount: number): void {
    if (!this.isSystem && this.props.balance < amount) throw new InsufficientFundsError();
    this.props = { ...this.props, balance: this.props.balance - amount };
  }

  credit(amount: number): void {
    this.props = { ...this.props, balance: this.props.balance + amount };
  }
}
