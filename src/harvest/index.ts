/** Harvesting arXiv (issue #7, docs/harvest.md): followed sources, the daily run, its audit. */
export { harvestOverview, harvestPageData } from "./audit";
export { type Followed, FollowedBody, parseDefaultCategories } from "./followed";
export { type FollowedConfig, loadFollowed, saveFollowed } from "./followed-store";
export { type HarvestRunReport, runHarvest } from "./run-harvest";
export { HARVEST_DEFAULTS, type HarvestSettings, harvestUserAgent } from "./settings";

/** The daily harvest cron (wrangler.toml `triggers.crons`): keep the two in step. */
export const HARVEST_CRON = "0 9 * * *";
