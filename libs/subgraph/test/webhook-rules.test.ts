import { describe, expect, it } from 'vitest';
import { isPermission } from '@shequ/auth';
import { EVENT_CONSUMERS, STREAM_SCOPES, ServiceNames, purposeNameOf } from '@shequ/contracts';
import {
  WEBHOOK_EVENTS,
  generateWebhookSecret,
  isPrivateAddress,
  scopeForWebhookEvent,
  scopesAllowWebhookEvent,
  webhookBody,
  webhookEvent,
  webhookRetryDelay,
  webhookSignature,
  webhookSignatureHeader,
  webhookSignatureProblem,
  webhookUrlProblem,
} from '../src/index.js';

describe('webhook rules', () => {
  it('signs t.body with HMAC-SHA256 and verifies within the tolerance only', () => {
    const secret = generateWebhookSecret();
    const body = '{"id":"e1","type":"case.opened"}';
    const now = new Date('2026-12-02T08:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = webhookSignatureHeader(secret, t, body);
    expect(header).toBe(`t=${t},v1=${webhookSignature(secret, t, body)}`);
    expect(webhookSignatureProblem(secret, header, body, { now })).toBeNull();
    // several v1 values (a rotated secret) pass when one matches
    expect(
      webhookSignatureProblem(secret, `t=${t},v1=00,v1=${webhookSignature(secret, t, body)}`, body, { now }),
    ).toBeNull();
    expect(webhookSignatureProblem(secret, header, `${body} `, { now })).toMatch(/签名不符/);
    expect(webhookSignatureProblem('whsec_other', header, body, { now })).toMatch(/签名不符/);
    expect(webhookSignatureProblem(secret, header, body, { now: new Date(now.getTime() + 301_000) })).toMatch(/时间差/);
    expect(webhookSignatureProblem(secret, undefined, body, { now })).toMatch(/缺少签名头/);
    expect(webhookSignatureProblem(secret, 'v1=abc', body, { now })).toMatch(/格式/);
  });

  it('maps every deliverable event type to the scope that reads its records', () => {
    const scope = (type: string) => scopeForWebhookEvent(webhookEvent(type)!);
    expect(scope('case.opened')).toBe('cases:read');
    expect(scope('proactive_task.created')).toBe('cases:read');
    expect(scope('resident.moved_in')).toBe('residents:read');
    expect(scope('care_category.added')).toBe('care:read');
    expect(scope('floating.registration_expiring')).toBe('floating:read');
    expect(scope('fund_disbursement.paid')).toBe('fund:read');
    expect(scope('staff.registered')).toBe('organizations:read');
    expect(scope('member.transferred_in')).toBe('party:read');
    expect(scope('registration.created')).toBe('events:read');
    // audit entries and the key registry are never delivered; every type is named once
    expect(webhookEvent('audit.pii_read')).toBeUndefined();
    expect(webhookEvent('api_key.issued')).toBeUndefined();
    expect(new Set(WEBHOOK_EVENTS.map((e) => e.type)).size).toBe(WEBHOOK_EVENTS.length);
    expect(scopesAllowWebhookEvent(['cases:read'], 'case.opened')).toBe(true);
    expect(scopesAllowWebhookEvent(['cases:read'], 'resident.registered')).toBe(false);
    expect(scopesAllowWebhookEvent(['residents:read'], 'care_category.added')).toBe(false);
    // the table it comes from (libs/contracts, which cannot import auth) speaks the API keys' vocabulary
    for (const scope of STREAM_SCOPES) expect(isPermission(scope), scope).toBe(true);
  });

  it('accepts http(s) URLs only and keeps private targets out unless allowed', () => {
    const deny = { allowPrivate: false };
    expect(webhookUrlProblem('https://platform.example.gov.cn/hooks/shequ', deny)).toBeNull();
    expect(webhookUrlProblem('ftp://example.org/x', deny)).toMatch(/http 或 https/);
    expect(webhookUrlProblem('file:///etc/passwd', deny)).toMatch(/http 或 https/);
    expect(webhookUrlProblem('https://user:pw@example.org/', deny)).toMatch(/用户名或密码/);
    expect(webhookUrlProblem(`https://example.org/${'a'.repeat(500)}`, deny)).toMatch(/500/);
    for (const host of ['127.0.0.1', 'localhost', '10.1.2.3', '192.168.0.9', '172.20.0.1', '169.254.169.254', '[::1]'])
      expect(webhookUrlProblem(`http://${host}/hook`, deny)).toMatch(/本机或内网/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', { allowPrivate: true })).toBeNull();
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isPrivateAddress('fd00::1')).toBe(true);
  });

  it('backs off exponentially up to the cap', () => {
    const settings = { retryBaseMs: 1_000, retryMaxMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => webhookRetryDelay(n, settings))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('delivers the envelope without the actor, correlation and trace ids', () => {
    const body = JSON.parse(
      webhookBody({
        id: 'e1',
        type: 'case.opened',
        version: 1,
        source: 'cases',
        subject: 'shequ.cases.case.opened',
        communityId: '350203008006',
        occurredAt: '2026-12-02T08:00:00.000Z',
        actor: { kind: 'user', id: 'staff-1' },
        correlationId: 'req-1',
        aggregateId: 'c1',
        aggregateVersion: 1,
        data: { caseId: 'c1' },
      }),
    ) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'aggregateId',
        'aggregateVersion',
        'communityId',
        'data',
        'id',
        'occurredAt',
        'source',
        'type',
        'version',
      ].sort(),
    );
  });

  it('declares the webhook consumers of every source in EVENT_CONSUMERS', () => {
    const names = new Set(EVENT_CONSUMERS.map(purposeNameOf));
    for (const source of ServiceNames) expect(names.has(`cases__webhooks__${source}`)).toBe(true);
  });
});
