import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { PasswordHasher } from '@domain/identity/password-hasher.port';
import { AppConfig } from '../config/app-config';

/** Native bcrypt (libuv thread pool, off the event loop) at BCRYPT_COST. */
@Injectable()
export class BcryptPasswordHasher implements PasswordHasher {
  private readonly cost: number;
  /** Same cost as real hashes, so a miss costs what a wrong password costs. */
  private readonly dummyHash: string;

  constructor(config: AppConfig) {
    this.cost = config.env.BCRYPT_COST;
    this.dummyHash = bcrypt.hashSync('atrium-timing-equaliser-0', this.cost);
  }

  hash(plain: string): Promise<string> {
    return bcrypt.hash(plain, this.cost);
  }

  async verify(plain: string, hash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(plain, hash ?? this.dummyHash);
    return hash !== null && matches;
  }
}
