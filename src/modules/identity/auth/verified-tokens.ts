import { Injectable } from '@nestjs/common';
import type { AccessTokenClaims } from './token.service';

/** How many verified tokens a process keeps (a few MB at most). */
const KEPT = 5_000;

/**
 * Access tokens whose signature, algorithm and expiry passport-jwt has verified, by their exact
 * text, until they expire: a token seen again skips the decoding and the HMAC (about 30 µs of
 * each authenticated request, docs/performance.md). Only what was verified is kept, the same
 * text can only ever carry the same claims, and the expiry is checked on every use. The session
 * behind the token is still checked on every request (JwtStrategy.principalFor), so a logout
 * takes effect on the very next one. When full, the oldest half is forgotten.
 */
@Injectable()
export class VerifiedTokens {
  private readonly tokens = new Map<string, Partial<AccessTokenClaims>>();
  protected readonly kept: number = KEPT;

  /** The claims of `token` if it was verified and has not expired at `nowMs`. */
  get(token: string, nowMs = Date.now()): Partial<AccessTokenClaims> | undefined {
    const claims = this.tokens.get(token);
    if (!claims) return undefined;
    // jsonwebtoken's own rule: expired from the second `exp` names.
    if (Math.floor(nowMs / 1000) >= (claims.exp ?? 0)) {
      this.tokens.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Keeps a token that has just been verified (one without an expiry is never kept). */
  remember(token: string, claims: Partial<AccessTokenClaims>): void {
    if (typeof claims.exp !== 'number' || this.tokens.has(token)) return;
    if (this.tokens.size >= this.kept) {
      let drop = Math.ceil(this.kept / 2);
      for (const key of this.tokens.keys()) {
        if (drop-- <= 0) break;
        this.tokens.delete(key);
      }
    }
    this.tokens.set(token, claims);
  }

  get size(): number {
    return this.tokens.size;
  }
}
