-- Hand-edited: WITHOUT ROWID (drizzle-kit cannot express it). The table is nothing but its primary
-- key, ~30 rows per paper; storing rows in the key's B-tree halves its size and its insert cost.
CREATE TABLE `lsh_bands` (
	`band_key` integer NOT NULL,
	`paper_key` text NOT NULL,
	PRIMARY KEY(`band_key`, `paper_key`),
	FOREIGN KEY (`paper_key`) REFERENCES `papers`(`key`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `lsh_bands_paper_idx` ON `lsh_bands` (`paper_key`);--> statement-breakpoint
CREATE TABLE `paper_aliases` (
	`alias_key` text PRIMARY KEY NOT NULL,
	`paper_key` text NOT NULL,
	`similarity` real NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`paper_key`) REFERENCES `papers`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `paper_aliases_paper_idx` ON `paper_aliases` (`paper_key`);