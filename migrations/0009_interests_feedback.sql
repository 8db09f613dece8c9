CREATE TABLE `subscription_feedback` (
	`subscription_id` text NOT NULL,
	`paper_key` text NOT NULL,
	`by` text DEFAULT '' NOT NULL,
	`signal` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`subscription_id`, `paper_key`, `by`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscription_feedback_recent_idx` ON `subscription_feedback` (`subscription_id`,`at`);--> statement-breakpoint
CREATE INDEX `subscription_feedback_paper_idx` ON `subscription_feedback` (`paper_key`);--> statement-breakpoint
CREATE TABLE `subscription_interests` (
	`subscription_id` text PRIMARY KEY NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`exclude` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `subscription_seeds` (
	`subscription_id` text NOT NULL,
	`ref` text NOT NULL,
	`given` text NOT NULL,
	`source` text NOT NULL,
	`paper_key` text,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`subscription_id`, `ref`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscription_seeds_paper_idx` ON `subscription_seeds` (`paper_key`);--> statement-breakpoint
ALTER TABLE `papers` ADD `rank_vector` text;--> statement-breakpoint
CREATE INDEX `papers_doi_idx` ON `papers` (lower("doi"));