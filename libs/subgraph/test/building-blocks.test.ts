import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { GraphQLError, buildSchema as buildSdlSchema } from 'graphql';
import { ormConfig } from '@shequ/database';
import { ConflictError, InvalidInputError } from '@shequ/errors';
import { ArrayMaxSize, MaxLength, MinLength, validate } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { testDatabaseLocation } from '@shequ/testing';
import {
  DateScalar,
  Loaders,
  formatGraphQLError,
  isIsoDate,
  missingChineseDescriptions,
  pageSize,
} from '../src/index.js';

class Person {
  id!: string;
  householdId!: string;
}
const PersonSchema = new EntitySchema<Person>({
  class: Person,
  properties: { id: { type: 'string', primary: true }, householdId: { type: 'string' } },
});

describe('Loaders', () => {
  let orm: MikroORM;
  const statements: string[] = [];

  beforeAll(async () => {
    orm = await MikroORM.init({
      ...ormConfig({
        location: testDatabaseLocation('sqlite', 'loaders'),
        entities: [PersonSchema],
        migrations: { sqlite: [], postgresql: [] },
      }),
      debug: ['query'],
      logger: (message: string) => statements.push(message),
    });
    await orm.schema.createSchema();
    const em = orm.em.fork();
    for (let i = 0; i < 30; i++) em.create(Person, { id: `p${i}`, householdId: `h${i % 3}` });
    await em.flush();
  });
  afterAll(() => orm?.close(true));

  it('loads many ids with one query per batch', async () => {
    const loaders = new Loaders(orm.em.fork());
    statements.length = 0;
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loaders.byId(Person).load(`p${i}`)).concat([
        loaders.byId(Person).load('nobody'),
      ]),
    );
    expect(people.filter(Boolean)).toHaveLength(30);
    expect(people.at(-1)).toBeNull();
    expect(statements.filter((s) => /select/i.test(s))).toHaveLength(1);
  });

  it('groups one-to-many lookups with one query', async () => {
    const loaders = new Loaders(orm.em.fork());
    statements.length = 0;
    const groups = await Promise.all(
      ['h0', 'h1', 'h2', 'h9'].map((h) => loaders.manyBy(Person, 'householdId').load(h)),
    );
    expect(groups.map((g) => g.length)).toEqual([10, 10, 10, 0]);
    expect(statements.filter((s) => /select/i.test(s))).toHaveLength(1);
  });
});

describe('pageSize', () => {
  it('defaults to 20 and refuses more than 100 or a negative size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(InvalidInputError);
    expect(() => pageSize(-1)).toThrow(/first/);
  });
});

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(DateScalar.parseValue('1949-10-01')).toBe('1949-10-01');
    expect(() => DateScalar.parseValue('1949/10/01')).toThrow(/YYYY-MM-DD/);
    expect(DateScalar.serialize(new Date('2026-11-22T10:00:00Z'))).toBe('2026-11-22');
  });
});

describe('formatGraphQLError', () => {
  const format = formatGraphQLError(true);
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original });

  it('turns domain errors into extensions.code with their details', () => {
    expect(format({ message: 'x' }, wrap(new InvalidInputError('idNumber', '校验位错误'))).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'idNumber',
    });
    expect(format({ message: 'x' }, wrap(new ConflictError('已登记', { field: 'idNumber' }))).extensions).toEqual({
      code: 'CONFLICT',
      field: 'idNumber',
    });
  });

  it('words every failed input constraint in Chinese, naming the field (never class-validator’s English)', async () => {
    class BuildingInput {
      @MaxLength(100)
      name!: string;
      @ArrayMaxSize(3)
      buildingIds!: string[];
      @MinLength(2, { message: '至少两个字' })
      reason!: string;
    }
    const input = Object.assign(new BuildingInput(), { name: '楼'.repeat(101), buildingIds: ['a'], reason: '调整' });
    const messageFor = async (value: BuildingInput) => {
      const errors = await validate(value, { validationError: { target: false, value: false } });
      const formatted = format({ message: 'x' }, wrap(new ArgumentValidationError(errors)));
      return [formatted.message, formatted.extensions?.field];
    };
    expect(await messageFor(input)).toEqual(['输入无效：name：不能超过 100 个字', 'name']);
    expect(await messageFor(Object.assign(input, { name: '楼', buildingIds: ['a', 'b', 'c', 'd'] }))).toEqual([
      '输入无效：buildingIds：最多 3 项',
      'buildingIds',
    ]);
    // a decorator's own Chinese message is kept
    expect(await messageFor(Object.assign(input, { buildingIds: [], reason: '调' }))).toEqual([
      '输入无效：reason：至少两个字',
      'reason',
    ]);
  });

  it('hides unexpected errors in production', () => {
    const formatted = format(
      { message: 'db password wrong', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } },
      wrap(new Error('db password wrong')),
    );
    expect(formatted).toMatchObject({ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatted.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('missingChineseDescriptions', () => {
  it('lists every type, field, argument and enum value without a Chinese description', () => {
    const schema = buildSdlSchema(`
      "居民" type Resident { "编号" id: ID! name: String! }
      type Query { "查询" resident("编号" id: ID!, other: String): Resident }
      "性别" enum Gender { "男" MALE FEMALE }
    `);
    expect(missingChineseDescriptions(schema).sort()).toEqual([
      'Gender.FEMALE',
      'Query.resident(other:)',
      'Resident.name',
    ]);
  });
});
