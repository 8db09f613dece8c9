-- Hand-corrected: drizzle-kit mis-quotes the expression column (it wrote `coalesce("version"`,` 0)`).
-- One row per (paper, text, version); coalesce because NULLs never collide in a unique index.
CREATE UNIQUE INDEX `paper_versions_text_version_uq` ON `paper_versions` (`paper_key`,`fingerprint`,coalesce(`version`, 0));
