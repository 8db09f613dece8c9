-- Full-text search over papers (GET /api/search), hand-written: drizzle-kit cannot express FTS5.
-- External-content table: the text lives once, in `papers`; the triggers keep the index in step.
-- Porter stemming so "transformers" finds "transformer"; diacritics folded so "Schrodinger" finds "Schrödinger".
CREATE VIRTUAL TABLE `papers_fts` USING fts5(
	`headline`,
	`abstract_plain`,
	`authors`,
	content='papers',
	content_rowid='id',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `papers_fts_after_insert` AFTER INSERT ON `papers` BEGIN
	INSERT INTO `papers_fts`(rowid, `headline`, `abstract_plain`, `authors`)
	VALUES (new.`id`, new.`headline`, new.`abstract_plain`, new.`authors`);
END;
--> statement-breakpoint
CREATE TRIGGER `papers_fts_after_delete` AFTER DELETE ON `papers` BEGIN
	INSERT INTO `papers_fts`(`papers_fts`, rowid, `headline`, `abstract_plain`, `authors`)
	VALUES ('delete', old.`id`, old.`headline`, old.`abstract_plain`, old.`authors`);
END;
--> statement-breakpoint
CREATE TRIGGER `papers_fts_after_update` AFTER UPDATE OF `headline`, `abstract_plain`, `authors` ON `papers` BEGIN
	INSERT INTO `papers_fts`(`papers_fts`, rowid, `headline`, `abstract_plain`, `authors`)
	VALUES ('delete', old.`id`, old.`headline`, old.`abstract_plain`, old.`authors`);
	INSERT INTO `papers_fts`(rowid, `headline`, `abstract_plain`, `authors`)
	VALUES (new.`id`, new.`headline`, new.`abstract_plain`, new.`authors`);
END;
