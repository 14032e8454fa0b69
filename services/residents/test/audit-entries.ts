import type { FilterQuery } from '@mikro-orm/core';
import { PiiAuditRecord, decodeAuditSubjects } from '@shequ/subgraph';
import type { TestSubgraph } from '@shequ/subgraph/testing';

/** The audit trail's entries (one per person read) of the records matching `where`, fields comma-joined. */
export async function auditEntries(service: TestSubgraph, where: FilterQuery<PiiAuditRecord>) {
  const records = await service.orm.em.fork().find(PiiAuditRecord, where, { orderBy: { readAt: 'asc', id: 'asc' } });
  return records.flatMap((record) =>
    decodeAuditSubjects(record.subjects).map((subject) => ({
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      fields: subject.fields.join(','),
    })),
  );
}
