// ---------------------------------------------------------------------------------------------------------
// Verbs: how abstracts announce what they did

type VerbKind =
  /** The object is the contribution itself ("we propose a method …"). */
  | "object"
  /** Usually followed by a "that" clause ("we show that …"). */
  | "claim"
  /** An activity, rendered as a gerund ("we study X" → "Studying X"). */
  | "activity";

export type VerbInfo = { readonly kind: VerbKind; readonly gerund: string };

/** base form, gerund, kind; inflected forms are generated below (plus a few irregular ones). */
const VERB_TABLE: ReadonlyArray<readonly [string, string, VerbKind]> = [
  ["propose", "proposing", "object"],
  ["present", "presenting", "object"],
  ["introduce", "introducing", "object"],
  ["develop", "developing", "object"],
  ["design", "designing", "object"],
  ["build", "building", "object"],
  ["construct", "constructing", "object"],
  ["create", "creating", "object"],
  ["describe", "describing", "object"],
  ["release", "releasing", "object"],
  ["offer", "offering", "object"],
  ["provide", "providing", "object"],
  ["report", "reporting", "object"],
  ["devise", "devising", "object"],
  ["unveil", "unveiling", "object"],
  ["curate", "curating", "object"],
  ["contribute", "contributing", "object"],
  ["show", "showing", "claim"],
  ["demonstrate", "demonstrating", "claim"],
  ["find", "finding", "claim"],
  ["prove", "proving", "claim"],
  ["argue", "arguing", "claim"],
  ["observe", "observing", "claim"],
  ["reveal", "revealing", "claim"],
  ["establish", "establishing", "claim"],
  ["confirm", "confirming", "claim"],
  ["conclude", "concluding", "claim"],
  ["suggest", "suggesting", "claim"],
  ["hypothesize", "hypothesizing", "claim"],
  ["predict", "predicting", "claim"],
  ["discover", "discovering", "claim"],
  ["study", "studying", "activity"],
  ["investigate", "investigating", "activity"],
  ["explore", "exploring", "activity"],
  ["examine", "examining", "activity"],
  ["analyze", "analyzing", "activity"],
  ["analyse", "analysing", "activity"],
  ["consider", "considering", "activity"],
  ["address", "addressing", "activity"],
  ["tackle", "tackling", "activity"],
  ["exploit", "exploiting", "activity"],
  ["leverage", "leveraging", "activity"],
  ["revisit", "revisiting", "activity"],
  ["rethink", "rethinking", "activity"],
  ["extend", "extending", "activity"],
  ["generalize", "generalizing", "activity"],
  ["benchmark", "benchmarking", "activity"],
  ["characterize", "characterizing", "activity"],
  ["characterise", "characterising", "activity"],
  ["quantify", "quantifying", "activity"],
  ["derive", "deriving", "activity"],
  ["compute", "computing", "activity"],
  ["calculate", "calculating", "activity"],
  ["simulate", "simulating", "activity"],
  ["model", "modeling", "activity"],
  ["measure", "measuring", "activity"],
  ["estimate", "estimating", "activity"],
  ["formulate", "formulating", "activity"],
  ["reformulate", "reformulating", "activity"],
  ["identify", "identifying", "activity"],
  ["classify", "classifying", "activity"],
  ["solve", "solving", "activity"],
  ["apply", "applying", "activity"],
  ["employ", "employing", "activity"],
  ["use", "using", "activity"],
  ["adopt", "adopting", "activity"],
  ["combine", "combining", "activity"],
  ["integrate", "integrating", "activity"],
  ["unify", "unifying", "activity"],
  ["implement", "implementing", "activity"],
  ["train", "training", "activity"],
  ["fine-tune", "fine-tuning", "activity"],
  ["evaluate", "evaluating", "activity"],
  ["assess", "assessing", "activity"],
  ["compare", "comparing", "activity"],
  ["test", "testing", "activity"],
  ["probe", "probing", "activity"],
  ["uncover", "uncovering", "activity"],
  ["survey", "surveying", "activity"],
  ["review", "reviewing", "activity"],
  ["discuss", "discussing", "activity"],
  ["explain", "explaining", "activity"],
  ["determine", "determining", "activity"],
  ["obtain", "obtaining", "activity"],
  ["detect", "detecting", "activity"],
  ["track", "tracking", "activity"],
  ["map", "mapping", "activity"],
  ["bridge", "bridging", "activity"],
  ["connect", "connecting", "activity"],
  ["relate", "relating", "activity"],
  ["focus", "focusing", "activity"],
  ["aim", "aiming", "activity"],
  ["seek", "seeking", "activity"],
  ["perform", "performing", "activity"],
  ["conduct", "conducting", "activity"],
  ["improve", "improving", "activity"],
  ["enhance", "enhancing", "activity"],
  ["accelerate", "accelerating", "activity"],
  ["optimize", "optimizing", "activity"],
  ["reduce", "reducing", "activity"],
  ["mitigate", "mitigating", "activity"],
  ["enable", "enabling", "activity"],
  ["learn", "learning", "activity"],
  ["infer", "inferring", "activity"],
  ["recast", "recasting", "activity"],
  ["frame", "framing", "activity"],
  ["interpret", "interpreting", "activity"],
  ["assemble", "assembling", "activity"],
  ["collect", "collecting", "activity"],
  ["compile", "compiling", "activity"],
  ["fit", "fitting", "activity"],
  ["search", "searching", "activity"],
];

const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  built: "build",
  found: "find",
  shown: "show",
  proven: "prove",
  sought: "seek",
  fit: "fit",
};

/** Every inflected form (propose, proposes, proposed) → its verb info; the first listing of a base wins. */
export const VERBS: ReadonlyMap<string, VerbInfo> = buildVerbIndex();

function buildVerbIndex(): Map<string, VerbInfo> {
  const index = new Map<string, VerbInfo>();
  for (const [base, gerund, kind] of VERB_TABLE) {
    const info: VerbInfo = { kind, gerund };
    for (const form of [base, thirdPerson(base), pastTense(base)])
      if (!index.has(form)) index.set(form, info);
  }
  for (const [form, base] of Object.entries(IRREGULAR_FORMS)) {
    const info = index.get(base);
    if (info && !index.has(form)) index.set(form, info);
  }
  return index;
}

function thirdPerson(verb: string): string {
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  return `${verb}s`;
}

function pastTense(verb: string): string {
  if (verb.endsWith("e")) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (verb === "map") return "mapped";
  return `${verb}ed`;
}
