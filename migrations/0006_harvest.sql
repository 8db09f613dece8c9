CREATE TABLE `harvest_config` (
	`id` integer PRIMARY KEY NOT NULL,
	`categories` text NOT NULL,
	`queries` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `harvest_coverage` (
	`run_id` text NOT NULL,
	`source` text NOT NULL,
	`stage` text NOT NULL,
	`unit` text NOT NULL,
	`status` text NOT NULL,
	`expected` integer,
	`received` integer NOT NULL,
	`stored` integer NOT NULL,
	`added` integer NOT NULL,
	`gaps` integer NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`note` text,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `source`, `stage`, `unit`),
	FOREIGN KEY (`run_id`) REFERENCES `harvest_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `harvest_coverage_recorded_idx` ON `harvest_coverage` (`recorded_at`);--> statement-breakpoint
CREATE TABLE `harvest_cursors` (
	`source` text PRIMARY KEY NOT NULL,
	`covered_until` integer NOT NULL,
	`window_from` integer,
	`window_to` integer,
	`next_start` integer DEFAULT 0 NOT NULL,
	`window_expected` integer,
	`window_stored` integer DEFAULT 0 NOT NULL,
	`window_added` integer DEFAULT 0 NOT NULL,
	`short_answers` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `harvest_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `harvest_runs_started_idx` ON `harvest_runs` (`started_at`);