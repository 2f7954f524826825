import { BankModule } from './modules/bank/bank.module';
import { ContentModule } from './modules/content/content.module';
import { IdentityModule } from './modules/identity/identity.module';
import { InteractionModule } from './modules/interaction/interaction.module';
import { PaymentModule } from './modules/payment/payment.module';
import { SocialModule } from './modules/social/social.module';
import { SearchModule } from './modules/search/search.module';
import { StayModule } from './modules/stay/stay.module';

/**
 * The bounded contexts. Both process roles load all of them: the API for its routes, the
 * worker for the event subscribers, processors and schedulers each context registers.
 */
export const CONTEXT_MODULES = [
  IdentityModule,
  BankModule,
  ContentModule,
  InteractionModule,
  StayModule,
  PaymentModule,
  SocialModule,
  SearchModule,
];
