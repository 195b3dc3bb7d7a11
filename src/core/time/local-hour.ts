// The hour of the day (0–23) of an instant on the store's wall clock, for sales by hour. Called
// once per till document when rollups are built (an SQLite function, see db/dialect.ts), so the
// zone offset is looked up once per zone and UTC hour rather than formatted per call: offsets
// change at most at the turn of an hour in every zone a store can be in.
import { localDateTime } from './business-date';

const offsets = new Map<string, number>();

export function localHour(instant: string, timeZone: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant ${JSON.stringify(instant)}`);
  const utcHour = Math.floor(ms / 3_600_000);
  const key = `${timeZone}\u0000${utcHour}`;
  let offsetMinutes = offsets.get(key);
  if (offsetMinutes === undefined) {
    const top = new Date(utcHour * 3_600_000);
    offsetMinutes = Math.round((Date.parse(`${localDateTime(top, timeZone).replace(' ', 'T')}Z`) - top.getTime()) / 60_000);
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offsetMinutes);
  }
  const minuteOfDay = (((Math.floor(ms / 60_000) + offsetMinutes) % 1440) + 1440) % 1440;
  return Math.floor(minuteOfDay / 60);
}
