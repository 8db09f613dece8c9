ALTER TABLE `papers` ADD `rank_vector_tag` text;--> statement-breakpoint
-- Vectors stored before this column: their row id tags them (distinct, and any later rewrite of
-- the vector writes a content tag, which starts with a letter other than "m").
UPDATE `papers` SET `rank_vector_tag` = 'm' || `id` WHERE `rank_vector` IS NOT NULL;
