import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** `true`/`1`/`yes` and `false`/`0`/`no` (any case); an empty value means unset. */
export const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '' || typeof value === 'boolean')
    return value === '' ? undefined : value;
  const v = String(value).toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};

/** A decimal integer string becomes a number; an empty value means unset; anything else stays as is (and fails IsInt). */
export const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;

export const emptyToUndefined = ({ value }: { value: unknown }) =>
  value === '' ? undefined : value;

/** Applies property decorators in order (decorators written above a property run bottom-up). */
export function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
}

/** An integer variable within [min, max] (`PORT=3000`). */
export function IntegerVar(min: number, max: number): PropertyDecorator {
  return all(Transform(toInt), IsInt(), Min(min), Max(max));
}

/** A boolean variable (`true`/`false`, `1`/`0`, `yes`/`no`). */
export function BooleanVar(): PropertyDecorator {
  return all(Transform(toBool), IsBoolean());
}

/** development and test may run on built-in defaults; anything else (NODE_ENV unset too) is production. */
export const isProduction = (env: { NODE_ENV?: string }) => env.NODE_ENV === 'production';

export const REQUIRED_IN_PRODUCTION =
  'is required unless NODE_ENV is development or test (unset NODE_ENV means production)';

/**
 * The environment schema is one class composed of one mixin per concern (`env/*.env.ts`): each
 * mixin adds its variables, with their checks and defaults, to the class it extends.
 */
export type EnvClass<T = object> = new (...args: any[]) => T;
