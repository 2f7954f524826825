import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { AppConfig } from '@infra/config/app-config';
import {
  IdentityPersistenceModule,
  UserDirectoryPersistenceModule,
} from '@infra/persistence/identity/identity-persistence.module';
import { AdminBootstrap } from './admin-bootstrap';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginThrottle } from './auth/login-throttle';
import { RolesGuard } from './auth/roles.guard';
import { SessionValidator } from './auth/session-validator';
import { VerifiedTokens } from './auth/verified-tokens';
import { TokenService } from './auth/token.service';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler';
import { ChangePasswordHttpController } from './commands/change-password/change-password.http.controller';
import { ConfirmEmailVerificationHandler } from './commands/confirm-email-verification/confirm-email-verification.handler';
import { ConfirmEmailVerificationHttpController } from './commands/confirm-email-verification/confirm-email-verification.http.controller';
import { EmailVerificationThrottle } from './commands/request-email-verification/email-verification-throttle';
import { RequestEmailVerificationHandler } from './commands/request-email-verification/request-email-verification.handler';
import { RequestEmailVerificationHttpController } from './commands/request-email-verification/request-email-verification.http.controller';
import { OtpSendQuota } from './commands/send-otp/otp-send-quota';
import { SendOtpHandler } from './commands/send-otp/send-otp.handler';
import { SendOtpHttpController } from './commands/send-otp/send-otp.http.controller';
import { VerifyOtpHandler } from './commands/verify-otp/verify-otp.handler';
import { VerifyOtpHttpController } from './commands/verify-otp/verify-otp.http.controller';
import { DeliverDeferredSmsSubscriber } from './events/deliver-deferred-sms.subscriber';
import { SendVerificationEmailSubscriber } from './events/send-verification-email.subscriber';
import { EndSessionHandler } from './commands/end-session/end-session.handler';
import { LogoutHttpController } from './commands/end-session/logout.http.controller';
import { RevokeSessionHttpController } from './commands/end-session/revoke-session.http.controller';
import { LoginHandler } from './commands/login/login.handler';
import { LoginHttpController } from './commands/login/login.http.controller';
import { RefreshTokensHandler } from './commands/refresh-tokens/refresh-tokens.handler';
import { RefreshTokensHttpController } from './commands/refresh-tokens/refresh-tokens.http.controller';
import { RegisterUserHandler } from './commands/register-user/register-user.handler';
import { RegisterUserHttpController } from './commands/register-user/register-user.http.controller';
import { UpdateProfileHandler } from './commands/update-profile/update-profile.handler';
import { UpdateProfileHttpController } from './commands/update-profile/update-profile.http.controller';
import { GetMeHandler } from './queries/get-me/get-me.handler';
import { GetMeHttpController } from './queries/get-me/get-me.http.controller';
import { ListSessionsHandler } from './queries/list-sessions/list-sessions.handler';
import { ListSessionsHttpController } from './queries/list-sessions/list-sessions.http.controller';
import { SessionIssuer } from './session-issuer';
import { SmsDelivery } from './sms-delivery';

/**
 * Identity: people, credentials (password, one-time SMS codes), email verification and sessions. Owns the global authentication (JWT + live
 * session) and role guards that every other context relies on. Exports USER_DIRECTORY
 * (UserDirectory), the read port through which other contexts show or write to a person.
 */
@Module({
  imports: [
    CqrsModule,
    PassportModule,
    IdentityPersistenceModule,
    UserDirectoryPersistenceModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secretOrPrivateKey: createSecretKey(
          Buffer.from(config.jwtSecret, 'utf8'),
        ) as unknown as string,
        signOptions: { algorithm: config.env.JWT_ALGORITHM },
        verifyOptions: { algorithms: [config.env.JWT_ALGORITHM] },
      }),
    }),
  ],
  controllers: [
    RegisterUserHttpController,
    LoginHttpController,
    RefreshTokensHttpController,
    LogoutHttpController,
    ListSessionsHttpController,
    RevokeSessionHttpController,
    GetMeHttpController,
    UpdateProfileHttpController,
    ChangePasswordHttpController,
    SendOtpHttpController,
    VerifyOtpHttpController,
    RequestEmailVerificationHttpController,
    ConfirmEmailVerificationHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    TokenService,
    SessionValidator,
    SessionIssuer,
    LoginThrottle,
    JwtStrategy,
    VerifiedTokens,
    AdminBootstrap,
    RegisterUserHandler,
    LoginHandler,
    RefreshTokensHandler,
    EndSessionHandler,
    UpdateProfileHandler,
    ChangePasswordHandler,
    GetMeHandler,
    ListSessionsHandler,
    SmsDelivery,
    EmailVerificationThrottle,
    SendOtpHandler,
    OtpSendQuota,
    VerifyOtpHandler,
    RequestEmailVerificationHandler,
    ConfirmEmailVerificationHandler,
    SendVerificationEmailSubscriber,
    DeliverDeferredSmsSubscriber,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SessionValidator, UserDirectoryPersistenceModule],
})
export class IdentityModule {}
