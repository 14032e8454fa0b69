import { communityDay } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';

/**
 * A visit to a resident took place while they lived: one dated after the day of their death (as residents' `resident.deceased`
 * stated it) is refused naming `visitedAt`; one logged late for a day before the death, or on it, stands.
 */
export function assertVisitedBeforeDeath(visitedAt: Date, diedOn: string | null): void {
  if (diedOn !== null && communityDay(visitedAt) > diedOn)
    throw new InvalidInputError('visitedAt', `走访时间晚于该居民的死亡日期（${diedOn}），不能登记对已故居民的走访`);
}
