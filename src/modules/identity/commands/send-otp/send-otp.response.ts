import { ApiProperty } from '@nestjs/swagger';

export class SendOtpResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 600,
    description: 'The code works for this long',
  })
  expiresInSeconds: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 60,
    description: 'No new code for this number before then (429 OTP_RESEND_TOO_SOON)',
  })
  resendAfterSeconds: number;
}
