/** How the catch-all theme (papers that fit no theme, id `other`) is named wherever it is shown. */
export const OTHER_LABEL = "Other papers";
