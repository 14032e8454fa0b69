import { describe, expect, it } from 'vitest';
import { errorWithoutValues, messageWithoutValues } from '../src/index.js';

describe('messageWithoutValues', () => {
  it('keeps the statement’s shape and the database’s reason, not the parameters', () => {
    const message =
      `insert into "resident" ("id", "name", "id_number", "phone") values ('r1', '王小明', '35020319900101123X', '13912345678') - ` +
      `duplicate key value violates unique constraint "resident_id_number_unique"`;
    const shown = messageWithoutValues(message);
    expect(shown).toBe(
      `insert into "resident" ("id", "name", "id_number", "phone") values (?, ?, ?, ?) - ` +
        `duplicate key value violates unique constraint "resident_id_number_unique"`,
    );
  });

  it('cuts an ORM validation error’s entity and PostgreSQL’s echoed input', () => {
    expect(
      messageWithoutValues(
        "Value for Resident.phone is required, 'null' found\nentity: Resident { id: 'r1', idNumber: '350203199001011234' }",
      ),
    ).toBe('Value for Resident.phone is required, ? found');
    expect(messageWithoutValues('invalid input syntax for type integer: "13912345678"')).toBe(
      'invalid input syntax for type integer: ?',
    );
    expect(messageWithoutValues('居民 350203199001011234 电话 13912345678')).toBe('居民 ? 电话 ?');
  });
});

describe('errorWithoutValues', () => {
  it('keeps the codes and the stack’s frames, drops detail, entity and the statement', () => {
    const error = Object.assign(
      new Error('insert into card values (\'13912345678\') - null value in column "holder"'),
      {
        code: '23502',
        column: 'holder',
        detail: 'Failing row contains (350203199001011234, null, 13912345678).',
        entity: { phone: '13912345678' },
        sql: "insert into card values ('13912345678')",
        cause: new Error("Key (phone)=(13912345678) already exists: '13912345678'"),
      },
    );
    const shown = errorWithoutValues(error) as Record<string, unknown>;
    expect(JSON.stringify(shown)).not.toMatch(/13912345678|350203199001011234/);
    expect(shown).toMatchObject({ code: '23502', column: 'holder', message: expect.stringContaining('null value') });
    expect(shown.stack).toMatch(/\n\s+at /);
    expect(shown).not.toHaveProperty('detail');
    expect(shown).not.toHaveProperty('entity');
  });
});
