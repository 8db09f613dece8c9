/**
 * The theme engine: pure functions from papers (and last week's themes) to themes. No I/O; the
 * caller stores `ThemeResult.themes` and `nextThemeNumber` and passes them back next week.
 */
export { assignThemes, DEFAULTS, defaultMinThemeSize } from "./assign-themes";
export { LABEL_SEPARATOR } from "./labels";
export { isBroadWord, isStopWord } from "./stop-words";
export type {
  Assignment,
  AssignmentKind,
  OperatorTheme,
  TermWeights,
  Theme,
  ThemeOptions,
  ThemePaper,
  ThemeResult,
} from "./types";
export { OTHER_THEME_ID } from "./types";
