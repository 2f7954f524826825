import 'reflect-metadata';
import {
  getMetadataStorage,
  IsInt,
  IsOptional,
  IsString,
  Min,
  validateSync,
} from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  count!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

const OPTIONS: Array<[boolean, boolean, string[] | undefined]> = [
  [false, false, undefined],
  [true, false, undefined],
  [false, true, undefined],
  [false, false, ['strict']],
  [false, false, []],
];

const errorsOf = (value: object, groups?: string[]) =>
  validateSync(value, { groups }).map((e) => [e.property, Object.keys(e.constraints ?? {})]);

describe('memoizeValidationMetadata', () => {
  // This file's own module registry: the storage is fresh, and plain until memoized below.
  const storage = getMetadataStorage();
  const bad = () => Object.assign(new Child(), { name: 3, count: 0, note: 4 });
  const plainRules = [Base, Child].flatMap((target) =>
    OPTIONS.map(([always, strict, groups]) =>
      storage.getTargetValidationMetadatas(target, '', always, strict, groups),
    ),
  );
  const plainErrors = [errorsOf(bad()), errorsOf(bad(), ['strict'])];

  beforeAll(() => memoizeValidationMetadata());

  it('answers what class-validator computes, the same array each time', () => {
    const rules = [Base, Child].flatMap((target) =>
      OPTIONS.map(([always, strict, groups]) => {
        const first = storage.getTargetValidationMetadatas(target, '', always, strict, groups);
        expect(storage.getTargetValidationMetadatas(target, '', always, strict, groups)).toBe(
          first,
        );
        expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
        return first;
      }),
    );
    expect(rules).toEqual(plainRules);
  });

  it('leaves validation as it was', () => {
    expect([errorsOf(bad()), errorsOf(bad(), ['strict'])]).toEqual(plainErrors);
    expect(errorsOf(Object.assign(new Child(), { name: 'n', count: 2 }))).toEqual([]);
  });

  it('forgets what it kept when a rule is registered', () => {
    class Late {
      value!: unknown;
    }
    expect(errorsOf(Object.assign(new Late(), { value: 1 }))).toEqual([
      [undefined, ['unknownValue']],
    ]);
    IsString()(Late.prototype, 'value');
    expect(errorsOf(Object.assign(new Late(), { value: 1 }))).toEqual([['value', ['isString']]]);
  });
});
