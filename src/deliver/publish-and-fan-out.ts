/** The weekly work (the cron, and POST of a due week): publish every due digest, then fan its deliveries out through the queue. */
import type { Database } from "../db/client";
import { publishDueWeeks } from "../digest";
import { fanOutDigests } from "./fan-out";
import type { DeliveryMessage } from "./types";

export async function publishAndFanOut(db: Database, queue: Queue<DeliveryMessage>, now: number) {
  const publishing = await publishDueWeeks(db, now);
  const delivery = await fanOutDigests(db, queue, now, publishing.currentWeek);
  return { ...publishing, delivery };
}
