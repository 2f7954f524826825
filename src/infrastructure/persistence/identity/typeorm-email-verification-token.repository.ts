import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import {
  EmailVerificationToken,
  EmailVerificationTokenRepository,
} from '../../../domain/identity/email-verification';
import { EmailVerificationTokenOrmEntity } from './email-verification-token.orm-entity';

@Injectable()
export class TypeormEmailVerificationTokenRepository implements EmailVerificationTokenRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(EmailVerificationTokenOrmEntity);
  }

  async add(token: EmailVerificationToken): Promise<void> {
    await this.repo.insert({ ...token.props });
  }

  async findByHash(tokenHash: Buffer): Promise<EmailVerificationToken | null> {
    const row = await this.repo.findOneBy({ tokenHash });
    return row ? EmailVerificationToken.restore({ ...row }) : null;
  }

  async markUsed(tokenHash: Buffer, now: Date): Promise<boolean> {
    const result = await this.repo.update({ tokenHash, usedAt: IsNull() }, { usedAt: now });
    return result.affected === 1;
  }

  async retireAllFor(userId: string, now: Date): Promise<void> {
    await this.repo.update({ userId, usedAt: IsNull() }, { usedAt: now });
  }
}
