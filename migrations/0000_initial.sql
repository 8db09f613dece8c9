CREATE TABLE `ingest_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL,
	`format` text NOT NULL,
	`source` text NOT NULL,
	`bytes` integer NOT NULL,
	`received` integer NOT NULL,
	`stored` integer NOT NULL,
	`verdict_counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingest_batches_received_idx` ON `ingest_batches` (`received_at`);--> statement-breakpoint
CREATE TABLE `paper_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`paper_key` text NOT NULL,
	`version` integer,
	`fingerprint` text NOT NULL,
	`abstract` text NOT NULL,
	`title` text,
	`comments` text,
	`doi` text,
	`journal_ref` text,
	`submitted_at` text,
	`source_format` text NOT NULL,
	`batch_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`paper_key`) REFERENCES `papers`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `paper_versions_paper_idx` ON `paper_versions` (`paper_key`);--> statement-breakpoint
CREATE INDEX `paper_versions_fingerprint_idx` ON `paper_versions` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `papers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`arxiv_id` text,
	`title` text,
	`headline` text NOT NULL,
	`abstract` text NOT NULL,
	`abstract_plain` text NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`comments` text,
	`doi` text,
	`journal_ref` text,
	`code_links` text DEFAULT '[]' NOT NULL,
	`latest_version` integer,
	`fingerprint` text NOT NULL,
	`published_at` text,
	`updated_at` text,
	`first_seen_at` integer NOT NULL,
	`last_changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `papers_key_unique` ON `papers` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `papers_arxiv_id_unique` ON `papers` (`arxiv_id`);--> statement-breakpoint
CREATE INDEX `papers_first_seen_idx` ON `papers` (`first_seen_at`);--> statement-breakpoint
CREATE TABLE `record_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`paper_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`verdict` text NOT NULL,
	`similarity` real NOT NULL,
	`source_format` text NOT NULL,
	`batch_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`paper_key`) REFERENCES `papers`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_matches_paper_fingerprint_uq` ON `record_matches` (`paper_key`,`fingerprint`);