/**
 * The knowledge base's JSON shape (`parley.kb/1`). The shipped KB (data/kb/*.json plus the states built
 * from npm packages at build time) and a user's `--kb FILE` share it; every list is optional in a user's
 * file and is merged over the shipped one (entries with the same code or id replace the shipped ones).
 */

/** A period of validity, inclusive; null ends are open. Dates are YYYY-MM-DD (YYYY or YYYY-MM allowed). */
export interface Validity {
  start?: string | null;
  end?: string | null;
}

export interface KbState extends Validity {
  /** ISO 3166-1 alpha-3, or the guide's code for historical states (SUN, YUG, CSK, DDR) and XKX. */
  code: string;
  /** The usual short English name ("South Korea"). */
  name: string;
  /** Every name form that refers to the state ("Republic of Korea", "ROK", "S. Korea"). */
  names: string[];
  /** Adjectives and demonyms ("South Korean", "Korean"): "Chinese troops" is coded by country. */
  adjectives: string[];
  /** Capitals and seats of government used as metonyms ("Seoul", "the Kremlin"). */
  capitals: string[];
  /** Sovereign state (false for dependencies such as French Southern Territories); decides shared names. */
  independent?: boolean;
}

export interface KbOrganization {
  /** The guide's code: UN, EU, NATO, ASEAN, G20, ...; for an uncoded group, its key in the KB. */
  code: string;
  name: string;
  names: string[];
  adjectives?: string[];
  /** Sector of the body and its officials: IGO (default), REB for armed groups, NGO, BUS, OPP, ... */
  sector?: string;
  /** false for groups the guide codes by name, not code (Taliban, Hamas): the actor's code is null. */
  coded?: boolean;
}

export interface KbTitle {
  /** Canonical title as output ("Foreign Minister"). */
  title: string;
  /** Every surface form, lower case ("foreign minister", "minister of foreign affairs", "fm"). */
  forms: string[];
  sector: string;
  /** Titles that only one state uses ("Secretary of State" in U.S. usage) may name it. */
  code?: string;
  /** A title that can stand alone as a role noun referring back to a person ("the Secretary"). */
  roleNoun?: boolean;
}

export interface KbOffice extends Validity {
  title: string;
  /** The state or organisation the office acts for. */
  code: string;
  sector: string;
}

export interface KbPerson {
  id: string;
  /** Full name as usually written in English news ("Wang Yi", "Antony Blinken"). */
  name: string;
  /** Other full forms ("Antony J. Blinken", "Tony Blinken"); the short form is derived. */
  aliases?: string[];
  /** The name used alone on second reference ("Wang" for Wang Yi, "Blinken"). Derived when absent. */
  short?: string;
  gender?: 'm' | 'f';
  offices: KbOffice[];
}

export interface KnowledgeBase {
  schema?: 'parley.kb/1';
  states: KbState[];
  organizations: KbOrganization[];
  titles: KbTitle[];
  persons: KbPerson[];
}
