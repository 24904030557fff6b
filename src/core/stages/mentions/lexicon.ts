/**
 * Closed-class word lists used to read names: these are English grammar, not world knowledge, so they
 * live with the rule that uses them. World knowledge (states, organisations, titles, persons) is in data/kb.
 */
const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Capitalised words that never start or continue a person's name. */
export const NOT_NAME = set(`
  the a an this that these those it its he she his her him they them their we our us i you your my me
  i'm i’m i've i’ve i'll i’ll i'd i’d
  in on at of for to from by with without about after before during since until while when where whether
  if as and or but nor so yet also both either neither not no all any some each every many most more other
  such than then there here what which who whom whose why how
  today yesterday tomorrow tonight
  january february march april june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  mr mrs ms miss dr sir madam dame lord lady sheikh shaikh his-excellency excellency
  noting adding stressing saying according however meanwhile moreover furthermore therefore thus still
  over under between among against within along across through following including regarding despite
  new former acting interim outgoing incoming then late current
  north south east west northern southern eastern western central
  war crisis day week year month century era communist socialist democratic republican liberal
  conservative labour labor national international federal royal imperial joint special
  press media news times post journal agency reuters xinhua tass
  covid-19 covid coronavirus internet policy order law act bill decree resolution report
  europe asia africa america americas oceania antarctica arctic pacific atlantic indian mediterranean
  middle far near bloc west east
`);

/** Head nouns of organisations and places: a run made of them is no person, but a name may hold one ("Fawn Hall"). */
export const PLACE_ORG_HEADS = set(`
  office department ministry bureau agency council committee commission court house senate congress
  assembly parliament government administration embassy consulate mission delegation union party army
  navy force forces police guard university college institute center centre foundation bank fund group
  company corporation corp co ltd llc inc plc association federation organization organisation republic
  kingdom state states province region city county district island islands sea ocean gulf strait river
  lake mountain mountains valley peninsula street square avenue road airport port hotel palace hall
  summit dialogue forum conference meeting talks treaty agreement accord act initiative partnership
  programme program plan strategy declaration statement communique charter convention protocol pact
  offices departments ministries agencies councils committees commissions organisations organizations
  associations federations unions groups companies parties forces nations states islands
  bridge building tower station centre center base camp border zone corridor canal
  daily herald tribune gazette
`);

/** Capitalised words that open a place's name: the name word after one is the place's ("New York", "San Jose"). */
export const PLACE_PREFIXES = set('new san los las santa saint st st. fort port');

/** What ends a company's name: a name run right before one is the company ("General Motors Corp"), not a person. */
export const COMPANY_SUFFIXES = set('corp corp. co co. cos cos. inc inc. ltd ltd. plc llc corporation company');

/** Capitalised heads that make a state's name or capital after them the name of a natural feature:
 *  "Lake Victoria" is no mention of the Seychelles (capital Victoria), "Mount Kenya" none of Kenya. */
export const FEATURE_HEADS = set('lake mount mt mt. cape');

/** Nouns for a person's peer in another state's office: before a name they show it is a person's. */
export const PEER_NOUNS = set('counterpart');

/** Months that are also given names or surnames: names only next to another name word and away from numbers. */
export const MONTHS = set('may jan mar jun jul aug sep sept oct nov dec feb apr');

/** Honorifics (prototype-free, so "constructor" is not one): not part of the name, but they say it is a person (and sometimes the gender). */
export const HONORIFICS: Record<string, 'm' | 'f' | null> = Object.assign(Object.create(null) as Record<string, 'm' | 'f' | null>, {
  mr: 'm', 'mr.': 'm', mrs: 'f', 'mrs.': 'f', ms: 'f', 'ms.': 'f', miss: 'f', sir: 'm', dame: 'f', lord: 'm',
  lady: 'f', sheikh: 'm', shaikh: 'm', sheik: 'm', dr: null, 'dr.': null, madam: 'f', madame: 'f', monsieur: 'm',
  excellency: null, prince: 'm', princess: 'f',
});

/** Lower-case particles inside names: "Javier Perez de Cuellar", "Khalifa al-Harthy", "Ursula von der Leyen". */
export const NAME_PARTICLES = set('de da di del della der den van von al el bin ibn bint la le du dos das y ben abu ter');

/** Words before a title that modify it without naming anybody. */
export const TITLE_MODIFIERS = set('former then acting interim outgoing incoming new current ex top senior chief deputy vice first second late');

/** Words that end a title's complement ("Minister of Foreign Affairs", "Secretary of Defense for Indo-Pacific Security Affairs"). */
export const COMPLEMENT_HEADS = set(`
  affairs defense defence state ministry department office council commission committee security staff
  forces army navy treasury commerce trade finance justice health energy interior agriculture education
  labor labour policy development cooperation relations planning economy industry information environment
  communications transport intelligence operations management services rights democracy issues resources
  migration refugees population narcotics enforcement region programs programmes initiatives
  federation organisations organizations organisation organization association union bureau agency institute
  bank fund group party company corporation delegation embassy mission alliance community league movement
  front court assembly parliament congress senate house cabinet government administration secretariat
  program programme committees
`);

/** Nouns that make "the Chinese X" a body acting for the state. */
export const BODY_NOUNS = set(`
  side government authorities officials official delegation delegations ministry leadership regime
  administration military troops forces army navy embassy diplomats negotiators team counterparts
  counterpart cabinet parliament lawmakers legislators police junta people president's
`);

/** "the two sides", "both countries": head nouns of group references; personal ones refer to persons. */
export const GROUP_NOUNS: Record<string, 'states' | 'persons'> = Object.assign(Object.create(null) as Record<string, 'states' | 'persons'>, {
  sides: 'states', countries: 'states', nations: 'states', governments: 'states', states: 'states',
  parties: 'states', delegations: 'states', allies: 'states', neighbours: 'states', neighbors: 'states',
  partners: 'states', leaders: 'persons', ministers: 'persons', presidents: 'persons', officials: 'persons',
  diplomats: 'persons', counterparts: 'persons', 'heads of state': 'states', 'foreign ministers': 'persons',
  'prime ministers': 'persons', 'defense ministers': 'persons', 'defence ministers': 'persons',
});

export const PRONOUNS: Record<string, 'm' | 'f' | 'pl'> = Object.assign(Object.create(null) as Record<string, 'm' | 'f' | 'pl'>, {
  he: 'm', him: 'm', his: 'm', himself: 'm', she: 'f', her: 'f', hers: 'f', herself: 'f',
  they: 'pl', them: 'pl', their: 'pl', theirs: 'pl', themselves: 'pl',
});

/** Verbs of saying: a capitalised run right before one is a speaker. */
export const SPEECH_VERBS = set('said says told tells added adds noted notes stressed stresses stated states announced announces warned warns urged urges asked asks explained explains insisted insists argued argues wrote writes replied replies declared declares');

/** Prepositions after which a name is a place where something happens ("in Bali", "at Leesburg"). */
export const LOCATIVE_PREPOSITIONS = set('in at near outside inside from across throughout');

/** Travel words after which a name (directly or after "to") is a destination. */
export const MOTION_WORDS = set(`
  travel travels traveled travelled traveling travelling trip trips visit visits visited visiting
  arrive arrives arrived arriving return returns returned returning fly flies flew flying go goes went
  head heads headed heading journey journeyed tour toured touring deploy deployed send sends sent
  sending dispatch dispatched dispatching
`);
