/**
 * Grouped commits on SQLite's one writer: outermost transactions that wait for their turn one after another share a
 * single BEGIN … COMMIT. The first (the founder) runs BEGIN; once its work is done its turn passes to the next
 * waiting transaction, which runs inside the same physical transaction under a savepoint (so its failure undoes it
 * alone), and so on; the last one — no transaction waiting, or the group full or old enough — runs COMMIT, and only
 * then does any member's `commit` return (or fail, every member with the same error, if the COMMIT fails). A member
 * is therefore never told it committed before its rows are durable, and what members see is exactly what they would
 * see one after another (they do run one after another, on the one connection).
 *
 * Why: in WAL mode a COMMIT appends every page the transaction changed to the log; each small transaction of a busy
 * service rewrites the same few pages (the table's and its indexes' last leaves, the outbox's) and pays BEGIN and
 * COMMIT. In the events benchmark's producer (16 units of work in flight) BEGIN and COMMIT were a quarter of the
 * process's CPU. With one transaction at a time nothing waits and a group is one transaction: nothing changes.
 */

/** At most this many transactions share one COMMIT (bounds the wait of the group's first member). */
export const COMMIT_GROUP_MAX_MEMBERS = 32;
/** No transaction joins a group opened this long ago (ms): the first member's commit waits at most about this long. */
export const COMMIT_GROUP_MAX_MS = 10;

/** The savepoint each member after the founder runs under (members never overlap: one name serves). */
export const GROUP_MEMBER_SAVEPOINT = 'shequ_group_member';

interface Settlement {
  resolve(): void;
  reject(error: unknown): void;
}

/** The part of a better-sqlite3 connection a group checks. */
interface GroupConnection {
  readonly inTransaction: boolean;
}

/**
 * An outermost transaction's turn (`SqliteEntityManager.transactional`), handed to the connection's `begin` so that the
 * transaction may found or join the turns' commit group, and pass its turn on once its work is in the group.
 */
export interface GroupTurn {
  readonly turns: {
    /** The open commit group of the turns' connection, if any. */
    group: CommitGroup | undefined;
    /** Transactions waiting for their turn. */
    readonly queued: number;
    /** No transaction joins a group opened this long ago (ms); `COMMIT_GROUP_MAX_MS` unless changed. */
    readonly groupMaxMs: number;
  };
  /** Passes the turn to the next waiting transaction (once; later calls do nothing). */
  yieldTurn(): void;
}

export class CommitGroup<C extends GroupConnection = GroupConnection> {
  /** Members whose work is in the group (released, waiting for COMMIT). */
  private readonly settled: Settlement[] = [];
  private readonly openedAt = performance.now();
  private ended = false;

  constructor(
    /** The connection holding the group's transaction (taken from the pool by the founder). */
    readonly connection: C,
    /** Runs BEGIN, COMMIT, ROLLBACK and the savepoint statements on the connection. */
    private readonly control: (sql: string) => void,
    /** Gives the connection back to the pool once the group has ended. */
    private readonly release: () => void,
    /** No transaction joins once the group is this old (ms). */
    private readonly maxMs = COMMIT_GROUP_MAX_MS,
  ) {}

  /** Whether the group has ended (committed or rolled back): nothing joins it any more. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Whether another transaction may still join (not ended, not full, not too old). */
  get accepting(): boolean {
    return (
      !this.ended &&
      this.settled.length < COMMIT_GROUP_MAX_MEMBERS - 1 &&
      performance.now() - this.openedAt < this.maxMs
    );
  }

  /** Whether any member's work is in the group (only the founder, before its commit, has none). */
  get holdsMembers(): boolean {
    return this.settled.length > 0;
  }

  /** A member's work is done and in the group: the promise settles when the group commits (or fails). */
  enter(): Promise<void> {
    if (this.ended) return Promise.reject(new Error('The commit group has already ended'));
    return new Promise<void>((resolve, reject) => this.settled.push({ resolve, reject }));
  }

  /**
   * Commits the group (when SQLite still holds its transaction) and settles every member: resolved after COMMIT,
   * rejected with its error when COMMIT fails (then rolled back) or SQLite has rolled the transaction back itself.
   */
  commit(): void {
    if (this.ended) return;
    this.ended = true;
    let failure: unknown;
    try {
      if (this.connection.inTransaction) this.control('COMMIT');
      else if (this.settled.length > 0)
        failure = new Error('SQLite rolled the grouped transaction back: no member of it was committed');
    } catch (error) {
      failure = error;
      try {
        if (this.connection.inTransaction) this.control('ROLLBACK');
      } catch {
        // the COMMIT's error is the one to report
      }
    }
    this.end(failure);
  }

  /** Rolls the whole group back (the founder failed before anyone joined, or SQLite ended the transaction). */
  rollback(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    try {
      if (this.connection.inTransaction) this.control('ROLLBACK');
    } finally {
      this.end(error);
    }
  }

  private end(failure: unknown): void {
    this.release();
    const members = this.settled.splice(0);
    for (const member of members) {
      if (failure === undefined) member.resolve();
      else member.reject(failure);
    }
  }
}
