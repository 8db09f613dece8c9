/** Types for the parts of `bibtex-parse` (2.x, untyped on npm) that `bibtex.ts` uses: the AST. */
declare module "bibtex-parse" {
  export type BibtexValue =
    | { datatype: "number"; value: number | bigint | string }
    | { datatype: "braced" | "quoted" | "identifier" | "unenclosed"; value: string }
    | { datatype: "concatinate"; value: BibtexValue[] }
    | { datatype: "null"; value: null };

  export type BibtexItem =
    | { itemtype: "comment"; comment: string }
    | ({ itemtype: "preamble" } & BibtexValue)
    | ({ itemtype: "string"; name: string } & BibtexValue)
    | {
        itemtype: "entry";
        type: string;
        /** Null when the entry has no cite key (`@article{x title={…}}`). */
        key: string | null;
        fields: Array<{ name: string } & BibtexValue>;
      };

  export interface ParseOptions {
    number?: "auto" | "number" | "bigint" | "string";
  }

  /** Throws a SyntaxError (with `location`) when the input is not BibTeX. */
  export function parse(input: string, options?: ParseOptions): BibtexItem[];
}
