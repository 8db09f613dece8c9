/** The weekly job: publish every due digest, then fan its deliveries out through the queue. */
import type { Database } from "../db/client";
import { fanOutDigests } from "../deliver/fan-out";
import type { DeliveryMessage } from "../deliver/types";
import { publishDueWeeks } from "../digest";

export async function publishAndFanOut(db: Database, queue: Queue<DeliveryMessage>, now: number) {
  const publishing = await publishDueWeeks(db, now);
  const delivery = await fanOutDigests(db, queue, now, publishing.currentWeek);
  return { ...publishing, delivery };
}
