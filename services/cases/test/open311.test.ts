import SwaggerParser from '@apidevtools/swagger-parser';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseCategories, GridRegistered } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import {
  authorizationFor,
  InMemoryApiKeys,
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case, GridProjection, Open311Request } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const COMMUNITY = '350203008006';
const gridWorker: Caller = { role: 'grid_worker', grids: [`${COMMUNITY}-01`], subject: 'staff-gw', department: 'GRID' };
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) });

describe.each(testDialects())('Open311 GeoReport v2 on the cases service (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  const keys = new InMemoryApiKeys();
  let writer: string;
  let reader: string;
  let base: string;

  const key = (authorization: string) => authorization.replace(/^ApiKey /, '');
  const get = (path: string, authorization?: string) =>
    fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
  const post = (path: string, form: Record<string, string>, authorization?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  const caseCount = () => service.orm.em.fork().count(Case, {});

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, {
      dialect,
      natsUrl: nats.url,
      clock,
      apiKeys: keys,
      registeredCommunities: ['350203008006', '350203008007'], // a key of the other community is taken, sees none
    });
    base = `http://127.0.0.1:${service.http.port}/open311/v2`;
    writer = keys.issue(['cases:read', 'cases:write'], { name: '思明区12345热线' }).authorization;
    reader = keys.issue(['cases:read']).authorization;
    await knownReferences(service, [
      { kind: 'GRID', id: 'grid-1' },
      { kind: 'BUILDING', id: 'building-1', gridId: 'grid-1' },
      { kind: 'BUILDING', id: 'building-elsewhere', gridId: 'grid-x', communityId: '350203008007' },
    ]);
    residents = new TestEventPublisher(nats.url);
    await residents.publish(GridRegistered, {
      gridId: 'grid-1',
      code: `${COMMUNITY}-01`,
      name: '香秀里网格',
      gridWorkerStaffId: 'staff-gw',
    });
    await waitFor(() => service.orm.em.fork().findOne(GridProjection, { gridId: 'grid-1' }), { what: 'grid' });
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('lists every case category as a service, in JSON and XML, without a key', async () => {
    const json = (await (await get('/services.json')).json()) as Array<Record<string, unknown>>;
    expect(json.map((s) => s.service_code)).toEqual([...CaseCategories.codes]);
    expect(json.find((s) => s.service_code === 'HOUSING_REPAIR')).toMatchObject({
      service_name: '房屋渗水/维修',
      metadata: true,
      type: 'realtime',
      group: '综治城管（综合治理与城市管理）',
    });
    const response = await get('/services.xml');
    expect(response.headers.get('content-type')).toMatch(/text\/xml/);
    const parsed = xml.parse(await response.text()) as { services: { service: Array<Record<string, unknown>> } };
    expect(parsed.services.service).toHaveLength(CaseCategories.codes.length);
    expect(parsed.services.service[0]).toMatchObject({ service_code: 'NEIGHBOUR_DISPUTE', service_name: '邻里纠纷' });
  });

  it('defines each service’s attributes; an unknown service is a 404 in the spec’s error format', async () => {
    const definition = (await (await get('/services/HOUSING_REPAIR.json')).json()) as {
      attributes: Array<Record<string, unknown>>;
    };
    expect(definition.attributes[0]).toMatchObject({ code: 'location', required: true, datatype: 'string', order: 1 });
    const parsed = xml.parse(await (await get('/services/ASSISTANCE_APPLICATION.xml')).text()) as {
      service_definition: { attributes: { attribute: Array<{ code: string; values: { value: unknown[] } }> } };
    };
    expect(parsed.service_definition.attributes.attribute[0].code).toBe('assistance_type');
    expect(parsed.service_definition.attributes.attribute[0].values.value).toHaveLength(4);

    const missing = await get('/services/POTHOLE.json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: expect.stringContaining('POTHOLE') }]);
    const missingXml = xml.parse(await (await get('/services/POTHOLE.xml')).text()) as {
      errors: { error: Array<{ code: number }> };
    };
    expect(missingXml.errors.error[0].code).toBe(404);
  });

  it('refuses a report without a key, with a read-only key, or for another jurisdiction, writing nothing', async () => {
    const report = { service_code: 'SANITATION', description: '垃圾桶满溢', address_string: '香秀里2号楼' };
    const anonymous = await post('/requests.json', report);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as Array<{ code: number }>)[0].code).toBe(401);
    expect((await post('/requests.json', report, reader)).status).toBe(403);
    const foreign = await post('/requests.json', { ...report, jurisdiction_id: '350203008007' }, writer);
    expect(foreign.status).toBe(404);
    expect(await caseCount()).toBe(0);
  });

  it('names the field of a bad report and writes nothing', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ description: '楼道灯坏了', address_string: '香秀里2号楼' }, 'service_code'],
      [
        { service_code: 'HOUSING_REPAIR', description: '卫生间渗水', address_string: '香秀里2号楼' },
        'attribute[location]',
      ],
      [{ service_code: 'SANITATION', description: '垃圾桶满溢' }, 'address_string'],
      [{ service_code: 'SANITATION', description: '垃圾桶满溢', lat: '24.49' }, 'long'],
      [{ service_code: 'SANITATION', description: '垃圾桶满溢', lat: '124.49', long: '118.1' }, 'lat'],
      [{ service_code: 'SANITATION', description: '垃圾桶满溢', address_id: 'building-ghost' }, 'address_id'],
      [{ service_code: 'SANITATION', description: '垃圾桶满溢', address_id: 'building-elsewhere' }, 'address_id'],
      [{ service_code: 'SANITATION', description: '垃', address_string: '香秀里' }, 'description'],
      [
        {
          service_code: 'PUBLIC_SECURITY',
          description: '有人砸车',
          address_string: '香秀里',
          'attribute[ongoing]': 'MAYBE',
        },
        'attribute[ongoing]',
      ],
      [
        { service_code: 'SANITATION', description: '垃圾桶满溢', address_string: '香秀里', 'attribute[color]': 'red' },
        'attribute[color]',
      ],
    ];
    for (const [form, field] of cases) {
      const response = await post('/requests.json', form, writer);
      expect(response.status, field).toBe(400);
      const [error] = (await response.json()) as Array<{ code: number; description: string }>;
      expect(error.code).toBe(400);
      expect(error.description.startsWith(`${field}：`), `${field}: ${error.description}`).toBe(true);
    }
    expect(await caseCount()).toBe(0);
    expect(await service.orm.em.fork().count(Open311Request, {})).toBe(0);
  });

  let requestId: string;
  let token: string;

  it('opens a case from the spec’s example POST through the same rules as openCase: routed to the building’s grid worker', async () => {
    // GeoReport v2's own example request, with this community's service code and place; contact fields are not kept
    const response = await post('/requests.json', {
      api_key: key(writer),
      jurisdiction_id: COMMUNITY,
      service_code: 'HOUSING_REPAIR',
      lat: '24.4879',
      long: '118.1295',
      address_string: '香秀里2号楼1单元101室',
      address_id: 'building-1',
      email: 'smith@example.com',
      device_id: 'tt222111',
      account_id: '123456',
      first_name: 'john',
      last_name: 'smith',
      phone: '111111111',
      description: '卫生间顶棚渗水，已经滴到电线附近',
      media_url: 'http://example.com/photo.jpg',
      'attribute[location]': '卫生间顶棚',
      'attribute[priority]': 'HIGH',
    });
    expect(response.status).toBe(200);
    const [receipt] = (await response.json()) as Array<{
      service_request_id: string;
      token: string;
      service_notice: string;
    }>;
    expect(receipt.service_request_id).toMatch(/^SQ-2026-\d{6}$/);
    expect(receipt.service_notice).toContain('综治城管');
    requestId = receipt.service_request_id;
    token = receipt.token;

    const opened = await service.orm.em.fork().findOneOrFail(Case, { number: requestId });
    expect(opened).toMatchObject({
      channel: 'DISTRICT_PLATFORM',
      category: 'HOUSING_REPAIR',
      priority: 'HIGH',
      gridId: 'grid-1',
      assigneeStaffId: 'staff-gw',
      status: 'ASSIGNED',
      workType: 'AD_HOC',
    });
    expect(opened.description).toContain('【渗漏/损坏部位】卫生间顶棚');
    const events = await service.orm.em.fork().find(OutboxMessage, {});
    const openedEvent = events.find((e) => e.subject.endsWith('case.opened'));
    expect(openedEvent).toBeDefined();
    // nothing of the citizen's contact details is kept or published
    const everything = JSON.stringify([opened, events, await service.orm.em.fork().find(Open311Request, {})]);
    for (const personal of ['smith', '111111111', 'tt222111', 'john']) expect(everything).not.toContain(personal);
  });

  it('answers the request by id and by token, in JSON and XML, with the department and local datetimes', async () => {
    const [request] = (await (await get(`/requests/${requestId}.json`, reader)).json()) as Array<
      Record<string, unknown>
    >;
    expect(request).toMatchObject({
      service_request_id: requestId,
      status: 'open',
      service_code: 'HOUSING_REPAIR',
      service_name: '房屋渗水/维修',
      agency_responsible: '综治城管（综合治理与城市管理）',
      address: '香秀里2号楼1单元101室',
      address_id: 'building-1',
      lat: 24.4879,
      long: 118.1295,
      media_url: 'http://example.com/photo.jpg',
      requested_datetime: '2026-11-30T10:00:00+08:00',
      expected_datetime: '2026-12-05T10:00:00+08:00',
    });
    expect(request.status_notes).toMatch(/^分派（2026-11-30T10:00:00\+08:00）$/);
    const byKeyParam = await get(`/requests/${requestId}.xml?api_key=${encodeURIComponent(key(reader))}`);
    const parsed = xml.parse(await byKeyParam.text()) as {
      service_requests: { request: Array<Record<string, unknown>> };
    };
    expect(parsed.service_requests.request[0]).toMatchObject({ service_request_id: requestId, status: 'open' });

    const [lookup] = (await (await get(`/tokens/${token}.json`, reader)).json()) as Array<Record<string, string>>;
    expect(lookup).toEqual({ service_request_id: requestId, token });
    expect((await get('/tokens/no-such-token.json', reader)).status).toBe(404);
    expect((await get('/requests/SQ-2026-999999.json', reader)).status).toBe(404);
  });

  it('lists requests by status and service; a case from another channel shows no description (it may name people)', async () => {
    const walkIn = await service.graphql(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { number } } }`,
      { input: { category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '张阿姨反映楼上噪音' } },
    );
    expect(walkIn.errors).toBeUndefined();
    const number = walkIn.data.openCase.case.number as string;
    const all = (await (await get('/requests.json', reader)).json()) as Array<Record<string, unknown>>;
    expect(all.map((r) => r.service_request_id).sort()).toEqual([requestId, number].sort());
    expect(all.find((r) => r.service_request_id === number)).toMatchObject({ description: null, address: null });
    expect(JSON.stringify(all)).not.toContain('张阿姨');

    const disputes = (await (await get('/requests.json?service_code=NEIGHBOUR_DISPUTE', reader)).json()) as unknown[];
    expect(disputes).toHaveLength(1);
    expect((await (await get('/requests.json?status=closed', reader)).json()) as unknown[]).toEqual([]);
    const bad = await get('/requests.json?status=pending', reader);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Array<{ description: string }>)[0].description).toMatch(/^status：/);
    const badDate = await get('/requests.json?start_date=2026-13-01', reader);
    expect(((await badDate.json()) as Array<{ description: string }>)[0].description).toMatch(/^start_date：/);
    // a key of another community sees none of them
    const other = keys.issue(['cases:read'], { communityId: '350203008007' }).authorization;
    expect((await (await get('/requests.json', other)).json()) as unknown[]).toEqual([]);
    expect((await get(`/requests/${requestId}.json`, other)).status).toBe(404);
  });

  it('takes a grid worker’s intake only for places of its own grids (address_id), writing nothing else', async () => {
    await knownReferences(service, [
      { kind: 'GRID', id: 'grid-2' },
      { kind: 'BUILDING', id: 'building-2', gridId: 'grid-2' },
    ]);
    const bearer = (await authorizationFor(gridWorker)).authorization;
    const before = await caseCount();
    const elsewhere = await post(
      '/requests.json',
      { service_code: 'SANITATION', description: '垃圾桶满溢', address_id: 'building-2' },
      bearer,
    );
    expect(elsewhere.status).toBe(400);
    const [error] = (await elsewhere.json()) as Array<{ description: string }>;
    expect(error.description).toContain('address_id');
    expect(await caseCount()).toBe(before);
    const own = await post(
      '/requests.json',
      { service_code: 'SANITATION', description: '垃圾桶满溢', address_id: 'building-1' },
      bearer,
    );
    expect(own.status).toBe(200);
    expect(await caseCount()).toBe(before + 1);
  });

  it('reports a finished case as closed, with the last step as its note', async () => {
    const opened = await service.orm.em.fork().findOneOrFail(Case, { number: requestId });
    const started = await service.graphql(
      `mutation($input: CaseNoteInput!) { startCase(input: $input) { case { status } } }`,
      { input: { caseId: opened.id, note: '已联系住户上门查看' } },
      gridWorker,
    );
    expect(started.errors).toBeUndefined();
    clock.advance(3_600_000);
    const resolved = await service.graphql(
      `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { case { status } } }`,
      { input: { caseId: opened.id, resolutionNote: '已更换顶棚防水层' } },
      gridWorker,
    );
    expect(resolved.errors).toBeUndefined();
    const [request] = (await (await get(`/requests/${requestId}.json`, reader)).json()) as Array<
      Record<string, unknown>
    >;
    expect(request).toMatchObject({ status: 'closed', updated_datetime: '2026-11-30T11:00:00+08:00' });
    expect(request.status_notes).toMatch(/^办结/);
    expect(request.status_notes).not.toContain('防水层');
    const closed = (await (await get('/requests.json?status=closed', reader)).json()) as unknown[];
    expect(closed).toHaveLength(1);
  });

  it('publishes a valid OpenAPI 3 document naming every endpoint it serves', async () => {
    const document = (await (await get('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/open311/v2/requests.{format}',
        '/open311/v2/requests/{service_request_id}.{format}',
        '/open311/v2/services.{format}',
        '/open311/v2/services/{service_code}.{format}',
        '/open311/v2/tokens/{token}.{format}',
      ].sort(),
    );
  });
});
