// ---------------------------------------------------------------------------------------------------------
// Rule 1, reading names: coined names, acronyms, quoted phrases

/** Field-wide acronyms that name a kind of thing, not the paper's system. */
const GENERIC_ACRONYMS = new Set(
  (
    "AI ML DL RL NLP CV LLM LM VLM MLLM LVLM VLA CNN RNN GNN DNN GAN MLP RAG QA VQA SFT RLHF RLVR GRPO PPO DPO " +
    "COT KV MOE VIT SOTA IOT GPU CPU TPU API UAV SNN ASR TTS OCR NER MT NMT SLAM IR AR VR XR EHR MRI CT ECG EEG " +
    "FMRI DFT MD QCD CMB AGN GW SNR MSE RMSE MAE AUC BLEU FLOPS LIDAR RGB RGB-D DRL MARL MDP POMDP PDE ODE SDE " +
    "FEM SVM PCA KNN HMM VAE GPT BERT LORA NERF 3DGS"
  ).split(" "),
);

export function isGenericAcronym(token: string): boolean {
  const upper = token.toUpperCase();
  return GENERIC_ACRONYMS.has(upper) || (upper.endsWith("S") && GENERIC_ACRONYMS.has(upper.slice(0, -1)));
}

export const NAME_CONNECTORS = new Set([
  "of",
  "for",
  "and",
  "with",
  "on",
  "in",
  "the",
  "to",
  "via",
  "from",
  "by",
  "&",
]);

/** Looks like a coined name: an internal capital (MoMa, DMT, xTrimoPGLM) or letters with digits (Open-o3). */
export function isCoinedName(token: string): boolean {
  const word = token.replace(/[.'’]+$/, "");
  if (word.length < 2) return false;
  if (/^\p{L}/u.test(word) && /\p{Lu}/u.test(word.slice(1))) return true;
  return /\p{L}/u.test(word) && /\p{N}/u.test(word);
}

export function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token) && token.length > 1;
}

export type Name = { readonly name: string; readonly after: string };

/** Quoted name: `"cyclic ablation," an iterative method`. */
const QUOTED_NAME = /^["“‘']([^"“”‘’']{2,60}?)([,.]?)["”’']/;

/**
 * A name at the start of `text`: a quoted phrase, a phrase with its acronym (`Disaggregated Multi-Tower
 * (DMT)`), or a run of coined/capitalised words joined by connectors (`Bayesian Class Adaptation`).
 */
export function readName(
  text: string,
  requireTerminator: boolean,
  lowercaseWithAcronym = false,
): Name | null {
  const quoted = QUOTED_NAME.exec(text);
  if (quoted) {
    const words = quoted[1]!.trim().split(" ");
    if (words.length > 6) return null;
    const after = `${quoted[2] === "," ? "," : ""}${text.slice(quoted[0].length)}`;
    return withFollowingAcronym({ name: quoted[1]!.trim(), after });
  }
  const acronymName = readAcronymName(text, lowercaseWithAcronym);
  if (acronymName !== null) return acronymName;
  const run = readNameRun(text);
  if (run === null) return null;
  const named = withFollowingAcronym(run);
  return requireTerminator && !NAME_TERMINATOR.test(named.after) ? null : named;
}

/** `"Prompt-and-Align" (P&A), a …`: an acronym right after the name belongs to it. */
function withFollowingAcronym(name: Name): Name {
  const acronym = /^\s?\(([^()\s]{1,20})\)/.exec(name.after);
  if (!acronym || !isAcronym(acronym[1]!)) return name;
  return { name: `${name.name} (${acronym[1]!})`, after: name.after.slice(acronym[0].length) };
}

/** `Phrase (ACR)` where the phrase starts with a capitalised or coined word and has no clause breaks. */
function readAcronymName(text: string, lowercaseAllowed: boolean): Name | null {
  const open = text.indexOf("(");
  if (open <= 0 || open > 90) return null;
  const phrase = text.slice(0, open).trim();
  const words = phrase.split(" ");
  if (words.length > 10 || /[,;:]/.test(phrase)) return null;
  const first = words[0]!;
  if (!lowercaseAllowed && !isCapitalised(first) && !isCoinedName(first)) return null;
  const close = text.indexOf(")", open);
  if (close < 0) return null;
  const acronym = text.slice(open + 1, close).trim();
  if (!isAcronym(acronym)) return null;
  return { name: `${phrase} (${acronym})`, after: text.slice(close + 1) };
}

export function isAcronym(text: string): boolean {
  return (
    /^[^\s()]{2,20}$/.test(text) && /\p{Lu}/u.test(text) && !/^\d+$/.test(text) && !isGenericAcronym(text)
  );
}

/** What may follow a name: the end, punctuation, an appositive dash, or a preposition/relative word. */
const NAME_TERMINATOR =
  /^(?:$|[,.;:]|\s?\(|\s[-–—]\s|\s(?:as|for|to|that|which|with|in|on|and|via|based|using|is|achieves)\b)/;

/** A word of a name; an attached bracket stays in it ("SO(3)", "A(I)nimism"). */
const TOKEN_AT = /[\p{L}\p{N}][\p{L}\p{N}+_'’&./-]*(?:\([^()\s]{1,10}\)[\p{L}\p{N}+_-]*)?/uy;

/** "BLiSS 1.0", "Foo v2": a version number continues a name. */
const VERSION = /^v?\d+(?:\.\d+)*$/;

function readNameRun(text: string): Name | null {
  const tokens: string[] = [];
  let pendingConnectors: string[] = [];
  let scan = 0;
  let end = 0;
  for (let i = 0; i < 10; i++) {
    TOKEN_AT.lastIndex = scan;
    const match = TOKEN_AT.exec(text);
    if (!match) break;
    const token = match[0].replace(/[.'’]+$/, "");
    if (isCoinedName(token) || isCapitalised(token) || (tokens.length > 0 && VERSION.test(token))) {
      tokens.push(...pendingConnectors, token);
      pendingConnectors = [];
      end = scan + token.length;
    } else if (tokens.length > 0 && NAME_CONNECTORS.has(token)) {
      pendingConnectors.push(token);
    } else {
      break;
    }
    const next = scan + match[0].length;
    if (text[next] !== " ") break;
    scan = next + 1;
  }
  if (tokens.length === 0) return null;
  const name = text.slice(0, end);
  if (tokens.length === 1 && (isGenericAcronym(name) || /ly$/.test(name))) return null;
  return { name, after: text.slice(end) };
}
