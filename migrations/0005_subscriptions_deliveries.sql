CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` text NOT NULL,
	`week` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`claimed_until` integer,
	`next_attempt_at` integer,
	`enqueued_at` integer,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`week`) REFERENCES `digests`(`week`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_subscription_week_channel_uq` ON `deliveries` (`subscription_id`,`week`,`channel`);--> statement-breakpoint
CREATE INDEX `deliveries_week_idx` ON `deliveries` (`week`,`status`);--> statement-breakpoint
CREATE INDEX `deliveries_unqueued_idx` ON `deliveries` (`enqueued_at`,`status`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL,
	`query` text,
	`status` text NOT NULL,
	`manage_token_hash` text NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`confirm_token_hash` text,
	`webhook_secret` text,
	`status_reason` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_manage_token_hash_unique` ON `subscriptions` (`manage_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_unsubscribe_token_unique` ON `subscriptions` (`unsubscribe_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_confirm_token_hash_unique` ON `subscriptions` (`confirm_token_hash`);--> statement-breakpoint
CREATE INDEX `subscriptions_status_idx` ON `subscriptions` (`status`,`confirmed_at`);--> statement-breakpoint
ALTER TABLE `digests` ADD `fanned_out_at` integer;