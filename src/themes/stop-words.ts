/**
 * Words that say nothing about what a paper is about. Five tiers, because they hurt in
 * different ways:
 *  - ENGLISH: function words. Never a feature, and they break phrases ("of" excepted, see
 *    phrases.ts, so "mixture of experts" survives).
 *  - FILLER: the verbs, adjectives and nouns every abstract uses to sell itself ("we propose a
 *    novel approach that significantly outperforms state-of-the-art methods"). Treated exactly
 *    like ENGLISH: left in, they dominate short abstracts and glue unrelated papers together.
 *  - MODIFIER: size and degree adjectives. Meaningless alone, but they open real phrases ("large
 *    language model", "low rank", "long context"), so they may start a phrase and nothing else.
 *  - WEAK: broad research nouns ("model", "learning", "network", "data"). Useful inside a phrase
 *    ("language model", "recommender system") and harmless as a low-IDF feature, but never a
 *    label on their own and never a label phrase made only of them.
 *  - BROAD (labels only): words every field uses ("image", "text", "phase"), and the commonest
 *    French, German, Spanish, Italian and Russian function words (the odd abstract in another
 *    language); ordinary features, but like WEAK never a label alone.
 * Entries are lower-case base forms; plural folding (tokenize.ts) runs before the FILLER and
 * WEAK checks, so "results" and "models" are caught by "result" and "model".
 */
import { wordSet } from "../ingest/text/word-set";
import { foldPlural } from "./plural";

const ENGLISH = `a about above across after afterwards again against all almost alone along already also
although always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
be became because become becomes becoming been before beforehand behind being below beside besides between
beyond both but by can cannot could did do does doing done down due during each either else elsewhere
enough etc even ever every everyone everything everywhere except few for former formerly from further had
has have having he hence her here hereby herein hers herself him himself his how however i ie eg if in
indeed into is it its itself just last latter least less many may me meanwhile might mine more moreover
most mostly much must my myself namely neither never nevertheless next no nobody none nor not nothing now
nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per
perhaps please quite rather re same several she should since so some somehow someone something sometimes
somewhere still such than that the their theirs them themselves then thence there thereafter thereby
therefore therein thereupon these they this those though through throughout thru thus to together too
toward towards under until up upon us very via was we well were what whatever when whence whenever where
whereas whereby wherein whether which while whither who whoever whole whom whose why will with within
without would yet you your yours yourself yourselves i.e e.g vs versus let given use used using uses
usually upon toward s t go`;

const FILLER = `abstract paper work study studies article letter manuscript report propose proposed proposes
proposing present presented presents presenting introduce introduced introduces introducing describe
described investigate investigated investigates explore explored explores exploring examine examined
address addressed addresses addressing consider considered considering develop developed develops
developing designed provide provided provides providing offer offers offered demonstrate
demonstrated demonstrates demonstrating show shown shows showed showing reveal revealed reveals find found
finding findings observe observed observation result results resulting obtain obtained achieve achieved
achieves achieving yield yields yielded lead leads leading enable enables enabled enabling allow allows
allowed improve improved improves improving improvement improvements enhance enhanced enhances enhancing
outperform outperforms outperformed outperforming surpass surpasses evaluate evaluated evaluation
evaluations experiment experiments experimental extensive extensively conduct conducted validate validated
verify verified method methods methodology approach approaches technique techniques strategy strategies
framework novel new existing current recent recently previous prior previously traditional conventional
standard typical typically art sota baseline baselines benchmark benchmarks performance performances
effective effectively effectiveness efficient efficiently efficiency significant significantly
substantial substantially superior better best good higher highly lower larger smaller key important importance crucial critical essential main major various variety different diverse
multiple numerous several specific particular particularly general generally overall comprehensive
robust robustly promising remarkable remarkably notable notably impressive challenge challenges
challenging problem problems issue issues limitation limitations gap gaps need needs require requires
required requiring make makes making based term terms way ways aspect aspects case cases set sets
kind type types number numbers amount level levels wide widely able ability capable capability
capabilities potential potentially possible practical practically simple simply easy easily further
furthermore additionally addition additional respectively accordingly specifically first second third
finally two three four five ten many however also new well often key field fields area areas domain
domains application applications applied real across toward towards believe aim aims
goal goals purpose focus focuses focused highlight highlights insight insights understanding understand
open available publicly release released github http https www com org datasets dataset
experimental result accuracy accurate accurately competitive despite remain remains remaining
successfully success successful strong stronger strongly consistently consistent advantage advantages
benefit benefits effect effects impact impacts role roles contribution contributions contribute
demonstrates thereby allowing including include includes included compared compare comparison
comparisons respect regarding associated related relevant resulting yielding leveraging leverage
leverages utilize utilizes utilizing utilization employ employs employed employing adopt adopts
adopted extend extends extended introduce rapidly rapid growing increasingly increasing increase
increases increased decrease reduce reduces reduced reducing reduction art limited complex research
aware integrate integrates integrated integrating capture captures captured capturing rely relies relying
support supports supported supporting like identify identifies identified identifying lack lacks lacking
driven struggle struggles perform performs performed performing produce produces produced producing gain
gains evaluating trained generated generate generates generating consuming closely largely paradigm
grained unified unify unifies novelty enhancement achieved core innovation powerful tool meanwhile
efficacy superiority scalable versatile flexible seamlessly seamless holistic wise choice choices
synergistic synergy synergies inefficiency inefficient instrumental unique uniquely crucially`;

const WEAK = `model modeling modelling learning learn learned network networks data system systems task tasks
training train trained algorithm algorithms analysis method process processing information feature
features representation representations structure structures function functions value values parameter
parameters design time times space quality problem solution solutions tool tools input output inputs
outputs sample samples signal signals theory property properties measurement measure measures metric
metrics component components mechanism mechanisms architecture architectures scale scales state states
error errors cost costs rate rates step steps stage stages setting settings condition conditions order
form forms group groups object objects pattern patterns version versions scenario scenarios user users
environment environments prediction predictions deep neural machine computer computational code source mode modes sequence sequences objective objectives`;

const MODIFIER = `large small high low long short single dual multi fine coarse full`;

// Label-only: nouns and adjectives every field uses, full features for clustering ("image" tells
// a vision paper from a physics one) but no theme's name on their own ("image · text"), only
// inside a phrase ("image generation", "phase transition").
const BROAD = `image text video audio visual textual spatial temporal semantic physical human dynamic dynamics
local global context knowledge interaction behavior behaviour phase energy response distribution dimension
dimensional quantity content one apply applying exhibit measured finite signature strength early
computational computation calculation processing score pretrained flop dense sparse hierarchical
de la le les des du une et est pour dans sur par avec der das und ist mit von zu dem ein eine einer
nicht auf für el los las del para por que una di che della delle nel и в на с по для из от что как это не`;

const ENGLISH_SET = wordSet(ENGLISH);
const FILLER_SET = wordSet(FILLER);
const WEAK_SET = wordSet(WEAK);
const MODIFIER_SET = wordSet(MODIFIER);
const BROAD_SET = wordSet(BROAD);

/** A function word: checked on the raw lower-case token, before plural folding ("this", "has"). */
export function isEnglishStopWord(lower: string): boolean {
  return ENGLISH_SET.has(lower);
}

/** Self-promotion and paper boilerplate: checked on the raw and on the folded form. */
export function isFiller(lower: string, folded: string): boolean {
  return FILLER_SET.has(lower) || FILLER_SET.has(folded);
}

/** Not a feature alone; may only open a phrase. */
export function isModifier(lower: string): boolean {
  return MODIFIER_SET.has(lower);
}

/** A feature, but too broad to name a theme alone. */
export function isWeak(key: string): boolean {
  return WEAK_SET.has(key);
}

/**
 * A stop-word in the label sense: function word or filler (plural folded). Never part of a
 * label, except "of" inside a phrase ("mixture of experts").
 */
export function isStopWord(word: string): boolean {
  const lower = word.toLowerCase();
  return ENGLISH_SET.has(lower) || isFiller(lower, foldPlural(lower));
}

/** A feature key too broad to name a theme alone: WEAK or BROAD ("model", "image"). */
export function isBroad(key: string): boolean {
  return WEAK_SET.has(key) || BROAD_SET.has(key);
}

/** Too broad to be a label term on its own ("model", "large", "image"); fine inside a phrase. */
export function isBroadWord(word: string): boolean {
  const lower = word.toLowerCase();
  return MODIFIER_SET.has(lower) || isBroad(foldPlural(lower));
}
