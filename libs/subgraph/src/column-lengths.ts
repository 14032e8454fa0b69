import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';

/**
 * Refuses, before anything is written, a text longer than its column (`@Property({ type: 'string', length })`):
 * PostgreSQL refuses it at the INSERT with an error in English that reaches the caller as an internal error, and
 * SQLite, which does not enforce a varchar's length, kept it whole — the same input answered differently on the two
 * dialects. Now both answer `BAD_USER_INPUT` naming the field (the property, which is the input's field wherever a
 * write takes the caller's text as it is) with the limit, in characters as PostgreSQL counts them (code points).
 */
export class ColumnLengthGuard implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE && changeSet.type !== ChangeSetType.UPDATE) continue;
      const payload = changeSet.payload as Record<string, unknown>;
      for (const [name, value] of Object.entries(payload)) {
        if (typeof value !== 'string') continue;
        const prop = changeSet.meta.properties[name];
        const max = prop?.length;
        if (!max || value.length <= max) continue; // UTF-16 units ≥ code points: only a longer one can be too long
        const length = [...value].length;
        if (length > max)
          throw new InvalidInputError(name, `输入无效：${name}：不能超过 ${max} 个字（收到 ${length} 个字）`, {
            maxLength: max,
          });
      }
    }
  }
}
