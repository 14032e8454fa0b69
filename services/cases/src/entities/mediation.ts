import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { MediationOutcome } from '../domain/vocabularies.js';

/** 调解 of a dispute case: parties, mediator, sessions, outcome. */
@Entity({ tableName: 'mediation' })
export class Mediation {
  [OptionalProps]?: 'outcome' | 'agreement' | 'concludedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  caseId!: string;

  @Property({ type: 'string', length: 80 })
  mediatorStaffId!: string;

  @Property({ type: 'string', length: 20 })
  outcome: MediationOutcome = 'PENDING';

  /** 调解协议 content when reached. */
  @Property({ type: 'text', nullable: true })
  agreement: string | null = null;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  concludedAt: Date | null = null;
}

/** A party to a mediation: a resident, or an outside party described in words. */
@Entity({ tableName: 'mediation_party' })
export class MediationParty {
  [OptionalProps]?: 'residentId' | 'description';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  mediationId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  residentId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  description: string | null = null;
}

/** One mediation session (调解会). */
@Entity({ tableName: 'mediation_session' })
export class MediationSession {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  mediationId!: string;

  @Property({ type: 'datetime' })
  heldAt!: Date;

  @Property({ type: 'text' })
  notes!: string;
}
