import { PartialType } from '@nestjs/swagger';
import { CreateHomestayRequest } from '../create-homestay/create-homestay.request';

/** Any of the creation fields; absent ones keep their value (an empty body changes nothing). */
export class UpdateHomestayRequest extends PartialType(CreateHomestayRequest) {}
