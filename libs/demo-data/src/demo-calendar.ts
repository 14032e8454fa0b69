/**
 * The demo's calendar is relative to the seed's "today": a month of the activity plan falls in the twelve months
 * from ten months ago to next month, so this month's and next month's galas are coming (or under way) and the ten
 * before them have been held, whatever the date. The events seed dates its activities by it; the fund seed links a
 * gala's collection to the gala the events seed holds on that day.
 */
export function demoEventYear(month: number, today: string): number {
  const current = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  let index = Number(today.slice(0, 4)) * 12 + month - 1;
  while (index > current + 1) index -= 12;
  while (index < current - 10) index += 12;
  return Math.floor(index / 12);
}
