import { Currency, CURRENCIES, isCurrency, MAX_AMOUNT } from '../bank/money.value-object';
import { ValidationError } from '../shared/domain-error';

export const HOMESTAY_LIMITS = {
  title: { min: 1, max: 120 },
  description: { min: 1, max: 5000 },
  city: { min: 1, max: 100 },
  pricePerNight: { min: 1, max: MAX_AMOUNT },
  maxGuests: { min: 1, max: 50 },
} as const;

export interface HomestayDetails {
  title: string;
  description: string;
  city: string;
  /** Integer minor units per night. */
  pricePerNight: number;
  currency: Currency;
  maxGuests: number;
}

export interface HomestayProps extends HomestayDetails {
  id: string;
  hostId: string;
  createdAt: Date;
}

function text(field: 'title' | 'description' | 'city', value: unknown): string {
  const { min, max } = HOMESTAY_LIMITS[field];
  if (typeof value !== 'string' || value.trim().length < min || value.length > max) {
    throw new ValidationError(field, `must be ${min}..${max} characters, not only spaces`);
  }
  return value;
}

function integer(field: 'pricePerNight' | 'maxGuests', value: unknown): number {
  const { min, max } = HOMESTAY_LIMITS[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

function validDetails(d: HomestayDetails): HomestayDetails {
  if (!isCurrency(d.currency))
    throw new ValidationError('currency', `must be one of ${CURRENCIES.join(', ')}`);
  return {
    title: text('title', d.title),
    description: text('description', d.description),
    city: text('city', d.city),
    pricePerNight: integer('pricePerNight', d.pricePerNight),
    currency: d.currency,
    maxGuests: integer('maxGuests', d.maxGuests),
  };
}

/** A place a host offers. Its host never changes; price changes affect only later orders. */
export class Homestay {
  private constructor(private props: HomestayProps) {}

  static create(id: string, hostId: string, details: HomestayDetails, now: Date): Homestay {
    return new Homestay({ id, hostId, ...validDetails(details), createdAt: now });
  }

  static restore(props: HomestayProps): Homestay {
    return new Homestay({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get hostId(): string {
    return this.props.hostId;
  }
  get currency(): Currency {
    return this.props.currency;
  }
  get pricePerNight(): number {
    return this.props.pricePerNight;
  }
  get maxGuests(): number {
    return this.props.maxGuests;
  }
  get title(): string {
    return this.props.title;
  }

  snapshot(): Readonly<HomestayProps> {
    return { ...this.props };
  }

  /** Applies the given fields (absent ones keep their value); all-or-nothing. */
  edit(changes: Partial<HomestayDetails>): void {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const next = validDetails({ ...this.props, ...defined });
    this.props = { ...this.props, ...next };
  }
}
