-- One live subscription per (channel, target) (issue #11). Hand-edited after drizzle-kit generate:
-- a deployed database may already hold duplicates, which would make the unique index fail. Of each
-- (channel, target) group of pending/active rows, keep the newest active one (or, with none active,
-- the newest pending one) and end the others as `unsubscribed`; their deliveries stay as history.
-- No table is rebuilt, so no child row is touched.
UPDATE `subscriptions`
SET `status` = 'unsubscribed',
	`status_reason` = 'duplicate of a newer subscription to the same target (migration 0008)',
	`changed_at` = CAST(strftime('%s', 'now') AS INTEGER) * 1000
WHERE `status` IN ('pending', 'active')
	AND EXISTS (
		SELECT 1 FROM `subscriptions` AS `kept`
		WHERE `kept`.`channel` = `subscriptions`.`channel`
			AND `kept`.`target` = `subscriptions`.`target`
			AND `kept`.`status` IN ('pending', 'active')
			AND `kept`.`id` <> `subscriptions`.`id`
			AND (
				(`kept`.`status` = 'active') > (`subscriptions`.`status` = 'active')
				OR (
					(`kept`.`status` = 'active') = (`subscriptions`.`status` = 'active')
					AND (`kept`.`created_at` > `subscriptions`.`created_at`
						OR (`kept`.`created_at` = `subscriptions`.`created_at` AND `kept`.`id` > `subscriptions`.`id`))
				)
			)
	);
--> statement-breakpoint
CREATE TABLE `confirmation_mail_quota` (
	`address` text NOT NULL,
	`day` text NOT NULL,
	`sent` integer NOT NULL,
	PRIMARY KEY(`address`, `day`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_live_target_uq` ON `subscriptions` (`channel`,`target`) WHERE status IN ('pending', 'active');
