import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse, validate } from 'graphql';
import {
  OpenCaseDocument,
  PERSISTED_DOCUMENTS,
  ResidentOverviewDocument,
  documentHash,
  documentText,
  trustedRequest,
} from '../src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const apiSchemaSdl = readFileSync(join(root, '../../gateway/api-schema.graphql'), 'utf8');
const operationFiles = readdirSync(join(root, 'operations'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => join(root, 'operations', file));

describe('the typed client (@shequ/client)', () => {
  it('has one trusted document per front-end operation, each keyed by the sha256 of its exact text', () => {
    expect(Object.keys(PERSISTED_DOCUMENTS)).toHaveLength(operationFiles.length);
    for (const [hash, text] of Object.entries(PERSISTED_DOCUMENTS)) {
      expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
    }
    const names = Object.values(PERSISTED_DOCUMENTS).map((text) => /^\w+ (\w+)/.exec(text)![1]);
    expect(names).toEqual(expect.arrayContaining(['ResidentOverview', 'OpenCase', 'CareReviewsDue', 'PartyMembers']));
  });

  it('gives typed documents that carry their manifest id, and request bodies by id and exact text', () => {
    expect(documentText(ResidentOverviewDocument)).toBe(PERSISTED_DOCUMENTS[documentHash(ResidentOverviewDocument)]);
    expect(documentText(ResidentOverviewDocument)).toMatch(/^query ResidentOverview\(\$id: ID!\) \{ resident/);
    const body = trustedRequest(OpenCaseDocument, {
      input: { reporterId: 'r1', category: 'HOUSING_REPAIR', channel: 'ONLINE', description: '楼道漏水' },
    });
    expect(body).toMatchObject({
      operationName: 'OpenCase',
      query: documentText(OpenCaseDocument),
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(OpenCaseDocument) } },
    });
    expect(trustedRequest(OpenCaseDocument, undefined, { byIdOnly: true }).query).toBeUndefined();
  });

  it('fails to generate when the schema no longer has what a front end asks for', async () => {
    const documents = operationFiles.map((file) => readFileSync(file, 'utf8'));
    const apiSchema = buildSchema(apiSchemaSdl);
    for (const document of documents) expect(validate(apiSchema, parse(document))).toEqual([]);
    // Resident.name renamed: every front end that shows a resident's name breaks, and so does the build.
    const broken = apiSchemaSdl.replace(/(type Resident [^]*?\n {2})name(: String!)/, '$1fullName$2');
    expect(broken).not.toBe(apiSchemaSdl);
    await expect(
      generate(
        {
          schema: broken,
          documents: operationFiles,
          generates: { 'unused/': { preset: 'client', presetConfig: { fragmentMasking: false } } },
          silent: true,
        },
        false,
      ),
    ).rejects.toThrow(/name/);
  });
});
