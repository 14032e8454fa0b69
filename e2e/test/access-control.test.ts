import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessControl,
  JWT_AUDIENCE,
  JWT_ISSUER,
  PERSONAL_FIELDS,
  ROLE_NAMES,
  maskAddress,
  maskIdNumber,
  maskPhone,
  signHs256Token,
  type FieldAccess,
  type PersonalField,
  type Role,
} from '@shequ/auth';
import { CareCategories } from '@shequ/contracts';
import { DEFAULT_LIST_COST, MAX_BATCHED_OPERATIONS, QUERY_LIMITS } from '@shequ/server';
import { demoDataset } from '@shequ/demo-data';
import { waitFor } from '@shequ/testing';
import { authorizationFor, devToken, type Caller } from '@shequ/subgraph/testing';
import { startSystem, type RunningSystem } from './system.js';

const COMMUNITY = '350203008006';
const OTHER_COMMUNITY = '350203008007';

/** The personal fields the graph has today, where each lives: Resident itself or its household. */
const RESIDENT_VIEW = (fields: string[]) => `query ResidentView($id: ID!) {
  resident(id: $id) { id name ${fields.join(' ')} household { address building { grid { code } } } }
}`;

/** The policy table is the one source: what a user with `roles` may do and see. */
const accessFor = (roles: Role[]) =>
  new AccessControl({ kind: 'user', id: 't', name: 't', communityId: COMMUNITY, department: null, roles, grids: [] });

/** What a user of `role` should see for `field`. */
function expected(role: Role, field: PersonalField): FieldAccess {
  return accessFor([role]).fieldAccess(field);
}

/**
 * Care categories and sensitive tags are one list on Resident, `careCategories`: ordinary records with the right
 * to see care categories, 重点人员 records (the sensitive tags) with the right to see those, null with neither.
 * Sensitive categories are the ones the shared vocabulary labels 敏感 (services/residents: SENSITIVE_CATEGORIES).
 */
const SENSITIVE = CareCategories.codes.filter((code) => CareCategories.labels[code].includes('敏感')) as string[];
const CARE_SELECTION = 'careCategories { id category derived endedOn }';
const CARE_VIEW = `query CareView($id: ID!) { resident(id: $id) { id ${CARE_SELECTION} } }`;
interface CareItem {
  id: string;
  category: string;
  derived: boolean;
  endedOn: string | null;
}
const isSensitive = (record: CareItem) => SENSITIVE.includes(record.category);
const byId = (records: CareItem[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
/** The audit fields a raw read of the care list leaves, for a caller with `access`. */
const careAuditFields = (access: AccessControl, records: CareItem[]): PersonalField[] => {
  const fields: PersonalField[] = [];
  if (access.fieldAccess('careCategories') === 'RAW' && records.some((r) => !isSensitive(r)))
    fields.push('careCategories');
  if (access.fieldAccess('sensitiveTags') === 'RAW' && records.some(isSensitive)) fields.push('sensitiveTags');
  return fields;
};

const MASK: Partial<Record<PersonalField, (raw: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
};

describe('access control over the federated graph', () => {
  let system: RunningSystem;
  let residentId: string;
  let gridCode: string;
  let raw: Record<string, any>;
  let residentFields: PersonalField[];
  let otherGridResidentId: string;
  /** Every care record of the resident, as community_admin (all fields RAW) sees them: ordinary and sensitive. */
  let rawCare: CareItem[];

  const subgraphUrl = (name: string) => `http://127.0.0.1:${system.env[`${name.toUpperCase()}_PORT`]}`;
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      // the gateway's own request id (a client's x-request-id is only logged): what the audit trail names
      requestId: response.headers.get('x-request-id'),
      body: (await response.json()) as any,
    };
  };

  beforeAll(async () => {
    // webhooks to a receiver on this machine, retried within a second (production refuses private targets)
    system = await startSystem({
      SHEQU_WEBHOOK_PRIVATE_TARGETS: '1',
      SHEQU_WEBHOOK_POLL_MS: '200',
      SHEQU_WEBHOOK_RETRY_BASE_MS: '300',
      SHEQU_WEBHOOK_RETRY_MAX_MS: '1000',
    });
    // Which personal fields of Resident exist now (scalar or lists of scalars/enums); address lives on Household.
    const introspected = await system.query(
      `{ __type(name: "Resident") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
    );
    const scalarish = (t: any): boolean =>
      t.kind === 'NON_NULL' || t.kind === 'LIST' ? scalarish(t.ofType) : t.kind === 'SCALAR' || t.kind === 'ENUM';
    const onResident = new Map<string, any>(introspected.data.__type.fields.map((f: any) => [f.name, f.type]));
    residentFields = (Object.keys(PERSONAL_FIELDS) as PersonalField[]).filter(
      (f) => f !== 'address' && onResident.has(f) && scalarish(onResident.get(f)),
    );
    expect(residentFields).toEqual(expect.arrayContaining(['idNumber', 'phone']));

    const inGrid = async (gridId: string) => {
      const list = await system.query(
        `query($gridId: ID) { residents(first: 50, filter: { gridId: $gridId, status: ACTIVE }) { edges { node { id phone household { building { grid { code } } } } } } }`,
        { gridId },
      );
      return list.data.residents.edges.map((e: any) => e.node).filter((n: any) => n.phone && n.household);
    };
    const [gridA, gridB] = demoDataset().grids;
    const first = (await inGrid(gridA.id))[0];
    residentId = first.id;
    gridCode = first.household.building.grid.code;
    otherGridResidentId = (await inGrid(gridB.id))[0].id;
    const view = await system.query(RESIDENT_VIEW(residentFields), { id: residentId });
    expect(view.errors).toBeUndefined();
    raw = view.data.resident;

    // The resident gets an ordinary care category and a sensitive one (重点人员) unless they have them open already.
    expect(SENSITIVE).toEqual(['KEY_PERSON']);
    const careNow = async () => {
      const r = await system.query(CARE_VIEW, { id: residentId });
      expect(r.errors).toBeUndefined();
      return r.data.resident.careCategories as CareItem[];
    };
    const open = (await careNow()).filter((r) => !r.endedOn && !r.derived);
    const add = async (category: string) => {
      const added = await system.query(
        `mutation AddCare($input: AddCareCategoryInput!) { addCareCategory(input: $input) { careRecord { id category } } }`,
        { input: { residentId, category, startedOn: '2025-01-02', source: '端到端测试登记' } },
      );
      expect(added.errors).toBeUndefined();
      expect(added.data.addCareCategory.careRecord.category).toBe(category);
    };
    if (!open.some((r) => !isSensitive(r))) {
      await add(
        ['MINIMUM_LIVING_ALLOWANCE', 'DISABILITY', 'UNEMPLOYED'].find((c) => !open.some((r) => r.category === c))!,
      );
    }
    if (!open.some(isSensitive)) await add('KEY_PERSON');
    rawCare = await careNow();
    expect(rawCare.some((r) => !isSensitive(r))).toBe(true);
    expect(rawCare.some(isSensitive)).toBe(true);
  });
  afterAll(() => system?.stop());

  const callerFor = (role: Role): Caller => ({ role, grids: role === 'grid_worker' ? [gridCode] : [] });

  describe('role × personal field matrix, against the POLICY table', () => {
    const people = ROLE_NAMES.filter((r) => r !== 'district_platform');
    /** careCategories / sensitiveTags: RAW → the records are there; ABSENT → the list is null or they are left out. */
    const checkCare = (label: string, access: AccessControl, seen: CareItem[] | null) => {
      const [care, sensitive] = [access.fieldAccess('careCategories'), access.fieldAccess('sensitiveTags')];
      expect([care, sensitive], `${label}: care data is never masked`).not.toContain('MASKED');
      if (care === 'ABSENT' && sensitive === 'ABSENT') {
        expect(seen, `${label} careCategories`).toBeNull();
        return;
      }
      expect(seen, `${label} careCategories`).not.toBeNull();
      if (care === 'RAW')
        expect(byId(seen!.filter((r) => !isSensitive(r))), `${label} careCategories`).toEqual(
          byId(rawCare.filter((r) => !isSensitive(r))),
        );
      else
        expect(
          seen!.filter((r) => !isSensitive(r)),
          `${label} careCategories`,
        ).toEqual([]);
      if (sensitive === 'RAW')
        expect(byId(seen!.filter(isSensitive)), `${label} sensitiveTags`).toEqual(byId(rawCare.filter(isSensitive)));
      else expect(seen!.filter(isSensitive), `${label} sensitiveTags`).toEqual([]);
    };

    it.each(people)('%s', async (role) => {
      const result = await system.query(
        RESIDENT_VIEW([...residentFields, CARE_SELECTION]),
        { id: residentId },
        callerFor(role),
      );
      if (
        !new AccessControl({
          kind: 'user',
          id: 't',
          name: 't',
          communityId: COMMUNITY,
          department: null,
          roles: [role],
          grids: [gridCode],
        }).can('residents:read')
      ) {
        // no person at all for this role: every field is absent because the operation is refused
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'residents:read' });
        for (const field of Object.keys(PERSONAL_FIELDS) as PersonalField[])
          expect(expected(role, field)).toBe('ABSENT');
        return;
      }
      expect(result.errors).toBeUndefined();
      const seen = result.data.resident;
      const check = (field: PersonalField, value: unknown, rawValue: any) => {
        const access = expected(role, field);
        if (access === 'RAW') expect(value, `${role} ${field}`).toEqual(rawValue);
        else if (access === 'ABSENT') expect(value, `${role} ${field}`).toBeNull();
        else expect(value, `${role} ${field}`).toBe(MASK[field]!(rawValue));
      };
      for (const field of residentFields) check(field, seen[field], raw[field]);
      check('address', seen.household.address, raw.household.address);
      checkCare(role, accessFor([role]), seen.careCategories);
    });

    it('two roles together: the most either allows (保障站 + 综治 see care categories and 重点人员)', async () => {
      const roles: Role[] = ['civil_affairs', 'comprehensive_governance'];
      expect(accessFor(roles).fieldAccess('careCategories')).toBe('RAW');
      expect(accessFor(roles).fieldAccess('sensitiveTags')).toBe('RAW');
      const result = await system.query(CARE_VIEW, { id: residentId }, { role: roles });
      expect(result.errors).toBeUndefined();
      checkCare(roles.join('+'), accessFor(roles), result.data.resident.careCategories);
      expect(result.data.resident.careCategories.some(isSensitive)).toBe(true);
    });

    it('care categories: each raw read audited exactly once (fields as the policy allows), absent ones not at all', async () => {
      const stamp = Date.now();
      const reads = people
        .filter((role) => accessFor([role]).can('residents:read'))
        .map((role) => ({
          role,
          subject: `care-auditor-${role}-${stamp}`,
          clientRequestId: `e2e-care-${role}-${stamp}`,
          requestId: '',
          fields: careAuditFields(accessFor([role]), rawCare),
        }));
      expect(reads.filter((r) => r.fields.length === 0).length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.fields.includes('sensitiveTags')).length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.fields.length > 0 && !r.fields.includes('sensitiveTags')).length).toBeGreaterThan(0);
      for (const read of reads) {
        const response = await post(
          system.gatewayUrl,
          { query: CARE_VIEW, variables: { id: residentId }, operationName: 'CareView' },
          {
            ...(await authorizationFor({ ...callerFor(read.role), subject: read.subject })),
            'x-request-id': read.clientRequestId,
          },
        );
        expect(response.body.errors, read.role).toBeUndefined();
        expect(response.requestId).not.toBe(read.clientRequestId);
        read.requestId = response.requestId!;
      }
      const trail = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(filter: $filter, first: 20) { totalCount edges { node { service subjectType subjectId fields operation requestId callerId callerRoles } } } }`;
      const entriesOf = async (subject: string) =>
        (await system.query(trail, { filter: { callerId: subject } })).data.piiAuditTrail;
      for (const read of reads.filter((r) => r.fields.length > 0)) {
        await waitFor(async () => (await entriesOf(read.subject)).totalCount > 0 || undefined, {
          timeoutMs: 15_000,
          what: `the audit entry of ${read.role}`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const read of reads) {
        const entries = await entriesOf(read.subject);
        if (read.fields.length === 0) {
          expect(entries.totalCount, `${read.role}: nothing unmasked, nothing audited`).toBe(0);
          continue;
        }
        expect(
          entries.edges.map((e: any) => e.node),
          read.role,
        ).toEqual([
          {
            service: 'residents',
            subjectType: 'Resident',
            subjectId: residentId,
            fields: read.fields,
            operation: 'CareView',
            requestId: read.requestId,
            callerId: read.subject,
            callerRoles: [read.role],
          },
        ]);
      }
    });

    it('district_platform: exports the resident register by key, masked as its scopes say and audited, only with residents:export', async () => {
      const issue = async (name: string, scopes: string[]) => {
        const issued = await system.query(
          `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key apiKey { id } } }`,
          { input: { name, scopes } },
        );
        expect(issued.errors).toBeUndefined();
        return issued.data.issueApiKey as { key: string; apiKey: { id: string } };
      };
      const exportsUrl = system.gatewayUrl.replace(/\/graphql$/, '/exports');
      const download = (key: string, query: string) =>
        fetch(`${exportsUrl}?query=${query}&format=csv&variables=${encodeURIComponent('{"first":100}')}`, {
          headers: { authorization: `ApiKey ${key}` },
        });
      const masked = await issue('名册导出（脱敏）', ['residents:read', 'residents:export']);
      const reader = await issue('只读', ['residents:read', 'cases:read']);
      const raw = await issue('名册导出（个人信息）', ['residents:read', 'residents:export', 'pii:read']);
      const csv = await waitFor(
        async () => {
          const response = await download(masked.key, 'resident-register');
          return response.status === 401 ? undefined : response;
        },
        { timeoutMs: 15_000, what: 'the export key to reach the subgraphs' },
      );
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await csv.text()).split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(2_000);
      const resident = demoDataset().residents[0];
      expect(lines.join('\n')).toContain(maskIdNumber(resident.idNumber));
      expect(lines.join('\n')).not.toContain(resident.idNumber);
      expect((await download(reader.key, 'resident-register')).status).toBe(403);
      expect((await download(reader.key, 'case-register')).status).toBe(403);

      const rawCsv = await (await download(raw.key, 'resident-register')).text();
      expect(rawCsv).toContain(resident.idNumber);
      const audited = await waitFor(
        async () => {
          const r = await system.query(
            `query($c: String, $s: ID) { piiAuditTrail(filter: { callerId: $c, residentId: $s }) { totalCount } }`,
            { c: raw.apiKey.id, s: resident.id },
          );
          return r.data?.piiAuditTrail.totalCount ? r.data.piiAuditTrail.totalCount : undefined;
        },
        { timeoutMs: 15_000, what: 'the unmasked export in the audit trail' },
      );
      expect(audited).toBeGreaterThan(0);
    });

    it('district_platform: hands a 12345 report over by Open311 through the gateway and follows it to its grid', async () => {
      const issued = await system.query(
        `mutation { issueApiKey(input: { name: "思明区12345热线", scopes: ["cases:read", "cases:write"] }) { key } }`,
      );
      const key = issued.data.issueApiKey.key as string;
      const origin = new URL(system.gatewayUrl).origin;
      const building = demoDataset().buildings[0];
      const services = (await (await fetch(`${origin}/open311/v2/services.json`)).json()) as unknown[];
      expect(services.length).toBeGreaterThan(5);
      const receipt = await waitFor(
        async () => {
          const response = await fetch(`${origin}/open311/v2/requests.json`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              api_key: key,
              jurisdiction_id: COMMUNITY,
              service_code: 'SANITATION',
              description: '楼下垃圾桶满溢，气味很大',
              address_id: building.id,
            }).toString(),
          });
          // the new key reaches the cases service through the bus: 401 until it has
          return response.status === 401 ? undefined : response;
        },
        { timeoutMs: 15_000, what: 'the key to reach the cases service' },
      );
      expect(receipt.status).toBe(200);
      const [{ service_request_id: number }] = (await receipt.json()) as Array<{ service_request_id: string }>;
      const followed = await fetch(`${origin}/open311/v2/requests/${number}.xml`, {
        headers: { authorization: `ApiKey ${key}` },
      });
      expect(followed.headers.get('content-type')).toMatch(/xml/);
      expect(await followed.text()).toContain(`<service_request_id>${number}</service_request_id>`);
      const seen = await system.query(
        `{ cases(filter: { category: SANITATION, status: ASSIGNED }, first: 100) { edges { node { number channel assignedGrid { id } } } } }`,
      );
      expect(seen.errors).toBeUndefined();
      const opened = seen.data.cases.edges.find((e: { node: { number: string } }) => e.node.number === number);
      expect(opened.node).toEqual({ number, channel: 'DISTRICT_PLATFORM', assignedGrid: { id: building.gridId } });
      expect((await fetch(`${origin}/open311/v2/requests.json`)).status).toBe(401);
    });

    it('district_platform: follows its cases by a signed webhook, approved by the community admin, retried after a failure', async () => {
      const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
      const receiver = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          received.push({ headers: request.headers, body });
          // the first delivery fails: the platform's system is "down" once
          response.writeHead(received.length === 1 ? 500 : 200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/shequ-events`;
        const issued = await system.query(
          `mutation { issueApiKey(input: { name: "思明区社会治理平台", scopes: ["cases:read", "cases:write"] }) { key } }`,
        );
        const key = issued.data.issueApiKey.key as string;
        const asPlatform = { authorization: `ApiKey ${key}` };
        const registered = await waitFor(
          async () => {
            const r = await system.query(
              `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret subscription { id status } } }`,
              { input: { url, eventTypes: ['case.opened'], description: '区社会治理平台' } },
              asPlatform,
            );
            return r.data?.registerWebhook ? r.data.registerWebhook : undefined;
          },
          { timeoutMs: 30_000, what: 'the key to reach the cases service' },
        );
        expect(registered.subscription.status).toBe('PENDING_APPROVAL');
        // a platform cannot approve its own webhook; the community admin does
        const selfApproved = await system.query(
          `mutation($id: ID!) { approveWebhook(input: { id: $id }) { subscription { status } } }`,
          { id: registered.subscription.id },
          asPlatform,
        );
        expect(selfApproved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const approved = await system.query(
          `mutation($id: ID!) { approveWebhook(input: { id: $id }) { subscription { status } } }`,
          { id: registered.subscription.id },
        );
        expect(approved.data.approveWebhook.subscription.status).toBe('ACTIVE');

        const opened = await system.query(
          `mutation { openCase(input: { category: SANITATION, channel: HOTLINE, description: "小区垃圾清运不及时", reporterId: "${residentId}" }) { case { id number } } }`,
        );
        expect(opened.errors).toBeUndefined();
        const caseId = opened.data.openCase.case.id as string;
        const delivered = await waitFor(
          () => {
            const mine = received.filter(
              (r) => (JSON.parse(r.body) as { data?: { caseId?: string } }).data?.caseId === caseId,
            );
            return mine.length >= 2 ? mine : undefined;
          },
          { timeoutMs: 60_000, what: 'the case.opened delivery, failed once and retried' },
        );
        const [first, retry] = delivered;
        // the same event on every attempt, so the platform deduplicates on its id
        expect(retry.headers['x-shequ-event-id']).toBe(first.headers['x-shequ-event-id']);
        const envelope = JSON.parse(retry.body) as Record<string, unknown>;
        expect(envelope).toMatchObject({
          id: retry.headers['x-shequ-event-id'],
          type: 'case.opened',
          communityId: COMMUNITY,
        });
        expect(envelope).not.toHaveProperty('actor');
        // signed with the secret shown once: HMAC-SHA256 of "<t>.<body>"
        const signature = Object.fromEntries(
          String(retry.headers['x-shequ-signature'])
            .split(',')
            .map((part) => part.split('=') as [string, string]),
        );
        const expected = createHmac('sha256', registered.secret as string)
          .update(`${signature.t}.${retry.body}`)
          .digest('hex');
        expect(signature.v1).toBe(expected);
        expect(Math.abs(Date.now() / 1000 - Number(signature.t))).toBeLessThan(300);
        const tampered = createHmac('sha256', registered.secret as string)
          .update(`${signature.t}.${retry.body} `)
          .digest('hex');
        expect(signature.v1).not.toBe(tampered);

        // the delivery log, as the platform sees it through the gateway: one failed attempt, then delivered
        const log = await waitFor(
          async () => {
            const r = await system.query(
              `{ webhookSubscriptions { edges { node { id deliveries(first: 10) { edges { node { eventId status attempts attemptLog { number statusCode succeeded } } } } } } } }`,
              {},
              asPlatform,
            );
            const node = r.data?.webhookSubscriptions?.edges.find(
              (e: { node: { id: string } }) => e.node.id === registered.subscription.id,
            )?.node;
            const delivery = node?.deliveries.edges.find(
              (e: { node: { eventId: string } }) => e.node.eventId === first.headers['x-shequ-event-id'],
            )?.node;
            return delivery?.status === 'DELIVERED' ? delivery : undefined;
          },
          { timeoutMs: 30_000, what: 'the delivery logged as delivered' },
        );
        expect(
          log.attemptLog.map((a: { statusCode: number; succeeded: boolean }) => [a.statusCode, a.succeeded]),
        ).toEqual(
          expect.arrayContaining([
            [500, false],
            [200, true],
          ]),
        );
      } finally {
        await new Promise((resolve) => receiver.close(resolve));
      }
    });

    it('district_platform: by the scopes of its API key, contact data masked without pii:read', async () => {
      const issued = await system.query(
        `mutation { issueApiKey(input: { name: "矩阵测试", scopes: ["residents:read"] }) { key } }`,
      );
      const caller = { authorization: `ApiKey ${issued.data.issueApiKey.key}` };
      const result = await waitFor(
        async () => {
          const r = await system.query(RESIDENT_VIEW([...residentFields, CARE_SELECTION]), { id: residentId }, caller);
          return r.data?.resident ? r : undefined;
        },
        { timeoutMs: 15_000, what: 'the key to reach every subgraph' },
      );
      expect(result.data.resident.careCategories).toBeNull();
      expect(result.data.resident.idNumber).toBe(maskIdNumber(raw.idNumber));
      expect(result.data.resident.phone).toBe(maskPhone(raw.phone));
      expect(result.data.resident.household.address).toBe(maskAddress(raw.household.address));

      const withPii = await system.query(
        `mutation { issueApiKey(input: { name: "矩阵测试（个人信息）", scopes: ["residents:read", "pii:read"] }) { key apiKey { id } } }`,
      );
      const piiCaller = { authorization: `ApiKey ${withPii.data.issueApiKey.key}` };
      const rawRead = await waitFor(
        async () => {
          const r = await system.query(
            RESIDENT_VIEW(['idNumber', 'phone', CARE_SELECTION]),
            { id: residentId },
            piiCaller,
          );
          return r.data?.resident ? r : undefined;
        },
        { timeoutMs: 15_000, what: 'the pii:read key to work' },
      );
      expect(rawRead.data.resident).toMatchObject({
        idNumber: raw.idNumber,
        phone: raw.phone,
        household: { address: raw.household.address },
      });
      // pii:read is contact data only: care categories and sensitive tags are scopes of their own
      expect(rawRead.data.resident.careCategories).toBeNull();
      const withCare = await system.query(
        `mutation { issueApiKey(input: { name: "矩阵测试（关爱对象）", scopes: ["residents:read", "care:read", "sensitive:read"] }) { key } }`,
      );
      const careRead = await waitFor(
        async () => {
          const r = await system.query(
            RESIDENT_VIEW(['idNumber', CARE_SELECTION]),
            { id: residentId },
            { authorization: `ApiKey ${withCare.data.issueApiKey.key}` },
          );
          return r.data?.resident ? r : undefined;
        },
        { timeoutMs: 15_000, what: 'the care:read key to work' },
      );
      expect(byId(careRead.data.resident.careCategories)).toEqual(byId(rawCare));
      expect(careRead.data.resident.idNumber).toBe(maskIdNumber(raw.idNumber));
      const audited = await waitFor(
        async () => {
          const r = await system.query(
            `query($c: String) { piiAuditTrail(filter: { callerId: $c }) { edges { node { callerKind subjectId } } } }`,
            { c: withPii.data.issueApiKey.apiKey.id },
          );
          return r.data?.piiAuditTrail.edges.length ? r.data.piiAuditTrail.edges : undefined;
        },
        { timeoutMs: 15_000, what: 'the machine read in the audit trail' },
      );
      expect(audited).toContainEqual({ node: { callerKind: 'machine', subjectId: residentId } });
    });
  });

  describe('masked values are the same whichever service leads to the resident', () => {
    // Cases, events and party-building hold no personal field of their own: they return Resident references that
    // the residents subgraph resolves through ctx.pii. These paths must show exactly what resident(id) shows.
    const PERSON = 'id idNumber phone household { address }';
    const PATHS: Record<string, { query: string; people: (data: any) => any[] }> = {
      cases: {
        query: `query CaseReporters { cases(first: 10) { edges { node { reporter { ${PERSON} } } } } }`,
        people: (d) => d.cases.edges.map((e: any) => e.node.reporter),
      },
      events: {
        query: `query EventAttendees { communityEvents(first: 5) { edges { node { registrations(first: 5) { edges { node { resident { ${PERSON} } } } } } } } }`,
        people: (d) =>
          d.communityEvents.edges.flatMap((e: any) => e.node.registrations.edges.map((r: any) => r.node.resident)),
      },
      partybuilding: {
        query: `query PartyMemberPeople { partyMembers(first: 5) { edges { node { resident { ${PERSON} } } } } }`,
        people: (d) => d.partyMembers.edges.map((e: any) => e.node.resident),
      },
    };

    const sameEverywhere = async (caller: Caller, services: string[]) => {
      for (const service of services) {
        const result = await system.query(PATHS[service].query, {}, caller);
        expect(result.errors, service).toBeUndefined();
        const people = PATHS[service]
          .people(result.data)
          .filter((p: any) => p && (p.idNumber || p.phone))
          .slice(0, 3);
        expect(people.length, `${service}: residents reached`).toBeGreaterThan(0);
        for (const person of people) {
          const direct = await system.query(RESIDENT_VIEW(['idNumber', 'phone']), { id: person.id }, caller);
          expect(person, `${service} → resident ${person.id}`).toEqual({
            id: person.id,
            idNumber: direct.data.resident.idNumber,
            phone: direct.data.resident.phone,
            household: direct.data.resident.household && { address: direct.data.resident.household.address },
          });
          const adminView = (await system.query(RESIDENT_VIEW(['idNumber', 'phone']), { id: person.id })).data.resident;
          if (adminView.idNumber) expect(person.idNumber).toBe(maskIdNumber(adminView.idNumber));
          if (adminView.phone) expect(person.phone).toBe(maskPhone(adminView.phone));
          if (adminView.household?.address)
            expect(person.household.address).toBe(maskAddress(adminView.household.address));
        }
      }
    };

    it('a district platform key with every read scope, and the departments that use each service', async () => {
      const issued = await system.query(
        `mutation { issueApiKey(input: { name: "一致性测试", scopes: ["residents:read", "cases:read", "events:read", "party:read"] }) { key } }`,
      );
      const key = { authorization: `ApiKey ${issued.data.issueApiKey.key}` };
      await waitFor(
        async () => {
          for (const service of Object.keys(PATHS))
            if ((await system.query(PATHS[service].query, {}, key)).errors) return undefined;
          return true;
        },
        { timeoutMs: 15_000, what: 'the key to reach every subgraph' },
      );
      await sameEverywhere(key, Object.keys(PATHS));
      await sameEverywhere({ role: 'party_affairs' }, ['partybuilding']);
      await sameEverywhere({ role: 'culture' }, ['events']);
    });
  });

  describe('row scope', () => {
    it('a grid worker sees residents of their grids only', async () => {
      const own = await system.query(RESIDENT_VIEW([]), { id: residentId }, callerFor('grid_worker'));
      expect(own.data.resident.id).toBe(residentId);
      const other = await system.query(RESIDENT_VIEW([]), { id: otherGridResidentId }, callerFor('grid_worker'));
      expect(other.errors).toBeUndefined();
      expect(other.data.resident).toBeNull();
    });

    it('another community’s staff see none of these records; a community never registered is refused', async () => {
      // a credential whose community is no registered place describes no caller the platform has
      const unregistered = await system.query(
        '{ residents(first: 1) { totalCount } }',
        {},
        { role: 'community_admin', community: OTHER_COMMUNITY },
      );
      expect(unregistered.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(unregistered.data?.residents ?? null).toBeNull();
      const registered = await system.query(
        `mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { community { id } } }`,
        { input: { code: OTHER_COMMUNITY, name: '莲顺社区' } },
        { role: 'street_admin', community: OTHER_COMMUNITY.slice(0, 9) },
      );
      expect(registered.errors).toBeUndefined();
      const caller: Caller = { role: 'community_admin', community: OTHER_COMMUNITY };
      const seen = await waitFor(
        async () => {
          const result = await system.query(RESIDENT_VIEW([]), { id: residentId }, caller);
          return result.errors ? undefined : result;
        },
        { timeoutMs: 60_000, what: 'the other community known to every service' },
      );
      expect(seen.data.resident).toBeNull();
      expect(
        (await system.query('{ residents(first: 1) { totalCount } households(first: 1) { totalCount } }', {}, caller))
          .data,
      ).toEqual({
        residents: { totalCount: 0 },
        households: { totalCount: 0 },
      });
    });
  });

  describe('who is calling', () => {
    it('identity headers are never trusted, with or without a token', async () => {
      const forged = {
        'x-user-id': 'admin',
        'x-roles': 'community_admin',
        'x-community': COMMUNITY,
        'x-grids': gridCode,
      };
      const anonymous = await system.query(
        RESIDENT_VIEW(['idNumber']),
        { id: residentId },
        { anonymous: true, headers: forged },
      );
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const culture = await system.query(
        RESIDENT_VIEW(['idNumber']),
        { id: residentId },
        { role: 'culture', headers: forged },
      );
      expect(culture.data.resident.idNumber).toBe(maskIdNumber(raw.idNumber));
      for (const name of ['residents', 'cases']) {
        const direct = await post(`${subgraphUrl(name)}/graphql`, { query: '{ __typename }' }, forged);
        expect(direct.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses expired and wrongly signed tokens at the gateway and in each subgraph', async () => {
      const claims = { sub: 'u1', name: '测试', community: COMMUNITY, roles: ['community_admin' as const] };
      const expired = await devToken({ role: 'community_admin' }, Math.floor(Date.now() / 1000) - 60);
      const forgedSignature = await signHs256Token(claims, {
        secret: 'not-the-configured-secret',
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      for (const [token, message] of [
        [expired, /过期/],
        [forgedSignature, /签名/],
      ] as const) {
        const viaGateway = await system.query(
          RESIDENT_VIEW([]),
          { id: residentId },
          { authorization: `Bearer ${token}` },
        );
        expect(viaGateway.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(viaGateway.errors?.[0]?.message).toMatch(message);
        for (const name of ['residents', 'events']) {
          const direct = await post(
            `${subgraphUrl(name)}/graphql`,
            { query: '{ __typename }' },
            { authorization: `Bearer ${token}` },
          );
          expect(direct.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        }
      }
    });

    it('health and readiness need no credential', async () => {
      for (const name of ['residents', 'cases', 'partybuilding', 'events']) {
        expect((await fetch(`${subgraphUrl(name)}/health`)).status).toBe(200);
        expect((await fetch(`${subgraphUrl(name)}/ready`)).status).toBe(200);
      }
    });
  });

  describe('API keys for district platforms', () => {
    it('are issued and listed by community_admin only, work within their scopes in every subgraph, and stop everywhere when revoked', async () => {
      const denied = await system.query(
        `mutation { issueApiKey(input: { name: "x", scopes: ["events:read"] }) { key } }`,
        {},
        { role: 'culture' },
      );
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'apikeys:manage' });

      const issued = await system.query(
        `mutation { issueApiKey(input: { name: "思明区文化平台", scopes: ["events:read"] }) { key apiKey { id } } }`,
      );
      const { key, apiKey } = issued.data.issueApiKey;
      const listed = await system.query('{ apiKeys { id name scopes status } }');
      expect(listed.data.apiKeys).toContainEqual({
        id: apiKey.id,
        name: '思明区文化平台',
        scopes: ['events:read'],
        status: 'ACTIVE',
      });
      expect(JSON.stringify(listed.data)).not.toContain(key);

      const caller = { authorization: `ApiKey ${key}` };
      const events = await waitFor(
        async () => {
          const r = await system.query('{ communityEvents(first: 2) { totalCount } }', {}, caller);
          return r.data?.communityEvents ? r : undefined;
        },
        { timeoutMs: 15_000, what: 'the events subgraph to know the key' },
      );
      expect(events.data.communityEvents.totalCount).toBeGreaterThan(0);
      const residents = await system.query('{ residents(first: 1) { totalCount } }', {}, caller);
      expect(residents.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'residents:read' });
      const cases = await post(
        `${subgraphUrl('cases')}/graphql`,
        { query: '{ cases(first: 1) { totalCount } }' },
        caller,
      );
      expect(cases.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'cases:read' });

      await system.query('mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id });
      for (const name of ['residents', 'cases', 'partybuilding', 'events']) {
        await waitFor(
          async () => {
            const r = await post(`${subgraphUrl(name)}/graphql`, { query: '{ __typename }' }, caller);
            return r.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' || undefined;
          },
          { timeoutMs: 15_000, what: `${name} to refuse the revoked key` },
        );
      }
      const after = await system.query('{ communityEvents(first: 2) { totalCount } }', {}, caller);
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('audit trail', () => {
    it('two requests under one client x-request-id are two complete entries, each under the gateway’s own id', async () => {
      const subject = `reuser-${Date.now()}`;
      const sent = `e2e-reused-${Date.now()}`;
      const reads = [];
      for (let i = 0; i < 2; i++) {
        const read = await post(
          system.gatewayUrl,
          { query: RESIDENT_VIEW(['idNumber', 'phone']), variables: { id: residentId }, operationName: 'ResidentView' },
          { ...(await authorizationFor({ role: 'civil_affairs', subject })), 'x-request-id': sent },
        );
        expect(read.body.data.resident.idNumber).toBe(raw.idNumber);
        expect(read.requestId).not.toBe(sent);
        reads.push(read.requestId);
      }
      expect(reads[0]).not.toBe(reads[1]);
      const trail = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(filter: $filter, first: 50) { totalCount edges { node { subjectId fields requestId } } } }`;
      const entries = await waitFor(
        async () => {
          const r = await system.query(trail, { filter: { callerId: subject } });
          return r.data?.piiAuditTrail.totalCount >= 4 ? r.data.piiAuditTrail : undefined;
        },
        { timeoutMs: 15_000, what: 'both requests’ audit entries' },
      );
      // each request: the resident (ID number, phone) and the household (address), under its own id
      for (const requestId of reads) {
        const own = entries.edges.filter((e: any) => e.node.requestId === requestId);
        expect(own).toHaveLength(2);
        expect(own.find((e: any) => e.node.subjectId === residentId).node.fields).toEqual(
          expect.arrayContaining(['idNumber', 'phone']),
        );
      }
      expect(entries.totalCount).toBe(4);
      expect(entries.edges.some((e: any) => e.node.requestId === sent)).toBe(false);
    });

    it('records each unmasked read exactly once, none for masked reads, queryable by resident, caller and period', async () => {
      const since = new Date().toISOString();
      const subject = `auditor-${Date.now()}`;
      const read = await post(
        system.gatewayUrl,
        { query: RESIDENT_VIEW(['idNumber', 'phone']), variables: { id: residentId }, operationName: 'ResidentView' },
        {
          ...(await authorizationFor({ role: 'civil_affairs', subject })),
          'x-request-id': `e2e-audit-${Date.now()}`,
        },
      );
      expect(read.body.data.resident.idNumber).toBe(raw.idNumber);
      const requestId = read.requestId;
      await system.query(RESIDENT_VIEW(['idNumber', 'phone']), { id: residentId }, { role: 'culture', subject });

      const trail = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(filter: $filter, first: 50) { totalCount edges { node { service subjectId fields operation requestId callerId callerRoles } } } }`;
      const entries = await waitFor(
        async () => {
          const r = await system.query(trail, { filter: { callerId: subject } });
          return r.data?.piiAuditTrail.totalCount > 0 ? r.data.piiAuditTrail : undefined;
        },
        { timeoutMs: 15_000, what: 'the audit entry' },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const settled = (await system.query(trail, { filter: { callerId: subject } })).data.piiAuditTrail;
      expect(settled.totalCount).toBe(entries.totalCount);
      // one entry per person whose data was read unmasked: the resident (ID number, phone) and their household (address)
      const forThisRequest = settled.edges.filter(
        (e: any) => e.node.requestId === requestId && e.node.subjectId === residentId,
      );
      expect(forThisRequest).toHaveLength(1);
      expect(settled.edges.filter((e: any) => e.node.requestId === requestId).map((e: any) => e.node.fields)).toEqual(
        expect.arrayContaining([['address']]),
      );
      expect(settled.edges.filter((e: any) => e.node.requestId === requestId)).toHaveLength(2);
      expect(forThisRequest[0].node).toMatchObject({
        service: 'residents',
        subjectId: residentId,
        operation: 'ResidentView',
        callerRoles: ['civil_affairs'],
      });
      expect(forThisRequest[0].node.fields).toEqual(expect.arrayContaining(['idNumber', 'phone']));
      // the culture read was masked: no entry for it
      expect(settled.edges.every((e: any) => e.node.callerRoles.includes('civil_affairs'))).toBe(true);

      const byResident = await system.query(trail, { filter: { residentId, from: since } });
      expect(byResident.data.piiAuditTrail.edges.some((e: any) => e.node.requestId === requestId)).toBe(true);
      const before = await system.query(trail, { filter: { callerId: subject, to: since } });
      expect(before.data.piiAuditTrail.totalCount).toBe(0);
      const notAdmin = await system.query(trail, {}, { role: 'civil_affairs' });
      expect(notAdmin.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'audit:read' });
    });
  });

  describe('query limits through the gateway, and again in a subgraph called directly', () => {
    const limits = QUERY_LIMITS.frontEnd;
    /** residents → edges → node → cases → reporter → cases → … → id: exactly `levels` deep, one row per list. */
    const deep = (levels: number) => {
      const chain = Array.from({ length: levels - 4 }, (_, i) => (i % 2 === 0 ? 'cases(first: 1)' : 'reporter'));
      return `{ residents(first: 1) { edges { node { ${chain.reduceRight((inner, field) => `${field} { ${inner} }`, 'id')} } } } }`;
    };

    it('depth: just under passes, just over is rejected naming the limit, its value and the figure', async () => {
      const ok = await system.query(deep(limits.maxDepth));
      expect(ok.errors?.some((e: any) => e.extensions?.code === 'QUERY_LIMIT_EXCEEDED') ?? false).toBe(false);
      const over = await system.query(deep(limits.maxDepth + 1));
      expect(over.errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_LIMIT_EXCEEDED',
        limit: 'maxDepth',
        value: limits.maxDepth,
        actual: limits.maxDepth + 1,
      });
    });

    it('aliases and root fields', async () => {
      const aliases = (n: number) =>
        `{ residents(first: 1) { edges { node { ${Array.from({ length: n }, (_, i) => `n${i}: name`).join(' ')} } } } }`;
      expect((await system.query(aliases(limits.maxAliases))).errors).toBeUndefined();
      expect((await system.query(aliases(limits.maxAliases + 1))).errors?.[0]?.extensions).toMatchObject({
        limit: 'maxAliases',
        value: limits.maxAliases,
        actual: limits.maxAliases + 1,
      });
      const direct = await post(
        `${subgraphUrl('residents')}/graphql`,
        { query: aliases(limits.maxAliases + 1) },
        await authorizationFor(),
      );
      expect(direct.body.errors[0].extensions).toMatchObject({
        code: 'QUERY_LIMIT_EXCEEDED',
        limit: 'maxAliases',
        value: limits.maxAliases,
      });
      const roots = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `r${i}: households(first: 0) { totalCount }`).join(' ')} }`;
      // every root field is aliased here: keep within the alias limit
      expect((await system.query(roots(limits.maxRootFields))).errors).toBeUndefined();
      expect((await system.query(roots(limits.maxRootFields + 1))).errors?.[0]?.extensions).toMatchObject({
        limit: 'maxRootFields',
        value: limits.maxRootFields,
        actual: limits.maxRootFields + 1,
      });
    });

    it('cost: lists cost their page size; analysts get a larger budget', async () => {
      // objects cost 1 each, scalars nothing, lists their page size: the connection + 100 × (edge + node + 100 registrations)
      const costly = `{ residents(first: 100) { edges { node { id eventRegistrations(first: 100) { id } } } } }`;
      const expectedCost = 1 + 100 * (1 + 1 + 100 * 1);
      expect(expectedCost).toBeGreaterThan(limits.maxCost);
      expect(expectedCost).toBeLessThanOrEqual(QUERY_LIMITS.analyst.maxCost);
      const front = await system.query(costly, {}, { role: 'culture' });
      expect(front.errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_LIMIT_EXCEEDED',
        limit: 'maxCost',
        value: limits.maxCost,
        actual: expectedCost,
      });
      const analyst = await system.query(costly, {}, { role: 'analyst' });
      expect(analyst.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'residents:read' });
      const defaultPage = await system.query(
        `{ residents { edges { node { id eventRegistrations { id } } } } }`,
        {},
        { role: 'culture' },
      );
      expect(defaultPage.errors).toBeUndefined();
      expect(DEFAULT_LIST_COST).toBe(20);
    });

    it(`batches up to ${MAX_BATCHED_OPERATIONS} operations`, async () => {
      const batch = (n: number) =>
        Array.from({ length: n }, () => ({ query: '{ households(first: 1) { totalCount } }' }));
      const ok = await post(system.gatewayUrl, batch(MAX_BATCHED_OPERATIONS), await authorizationFor());
      expect(ok.body).toHaveLength(MAX_BATCHED_OPERATIONS);
      const over = await post(system.gatewayUrl, batch(MAX_BATCHED_OPERATIONS + 1), await authorizationFor());
      expect(over.status).toBe(400);
      expect(over.body.errors[0].extensions).toMatchObject({
        limit: 'maxBatchedOperations',
        value: MAX_BATCHED_OPERATIONS,
        actual: MAX_BATCHED_OPERATIONS + 1,
      });
    });

    it('request size: a subgraph refuses a body over its limit', async () => {
      // the default limit (1 MiB); residents allows 20 MiB for district import files in one request
      const limit = 1024 * 1024;
      const body = (padding: number) => ({ query: `{ __typename }`, variables: { padding: 'x'.repeat(padding) } });
      const overhead = JSON.stringify(body(0)).length;
      const under = await post(`${subgraphUrl('cases')}/graphql`, body(limit - overhead), await authorizationFor());
      expect(under.status).toBe(200);
      const big = await post(`${subgraphUrl('cases')}/graphql`, body(limit - overhead + 1), await authorizationFor());
      expect(big.status).toBe(413);
      expect(big.body.errors[0].extensions).toMatchObject({
        code: 'REQUEST_TOO_LARGE',
        limit: 'maxBodyBytes',
        value: limit,
        actual: limit + 1,
      });
    });
  });
});
