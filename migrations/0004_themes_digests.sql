CREATE TABLE `digest_parts` (
	`week` text NOT NULL,
	`part` integer NOT NULL,
	`json` text NOT NULL,
	PRIMARY KEY(`week`, `part`),
	FOREIGN KEY (`week`) REFERENCES `digests`(`week`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `digests` (
	`week` text PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`new_papers` integer NOT NULL,
	`top_themes` text NOT NULL,
	`parts` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `theme_assignments` (
	`paper_key` text PRIMARY KEY NOT NULL,
	`theme_id` text NOT NULL,
	`week` text NOT NULL,
	`kind` text NOT NULL,
	`similarity` real NOT NULL,
	FOREIGN KEY (`paper_key`) REFERENCES `papers`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `theme_assignments_week_idx` ON `theme_assignments` (`week`,`theme_id`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`terms` text NOT NULL,
	`centroid` text NOT NULL,
	`cohesion` real NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`description` text,
	`size` integer NOT NULL,
	`created_week` text NOT NULL,
	`updated_week` text NOT NULL,
	`retired_at` integer
);
