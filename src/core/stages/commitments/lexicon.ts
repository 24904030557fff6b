/** Words of promising, as the commitment rule reads them (English grammar, not world knowledge). */
const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Verbs that take "to" + an action and make it a promise or an agreement: "agreed to", "pledged to". */
export const PROMISE_VERBS = set(`
  agree agrees agreed agreeing pledge pledges pledged pledging promise promises promised promising
  vow vows vowed vowing commit commits committed committing undertake undertakes undertook
  decide decides decided resolve resolved offer offers offered
`);

/** Nouns that do the same after a possessive or article: "their pledge to", "an agreement to". */
export const PROMISE_NOUNS = set('pledge pledges promise promises commitment commitments agreement agreements undertaking vow decision');

/** Verbs after "will" that are a concrete undertaking when the subject is an actor: "will provide $50 million". */
export const FUTURE_UNDERTAKINGS = set(`
  provide give deliver donate supply grant allocate contribute fund invest pay lend release withdraw
  lift reduce cut
`);

/** Heads of noun phrases that make "agreed on X" concrete: "agreed on an aid package". */
export const CONCRETE_NOUNS = set(`
  package deal plan programme program framework loan loans aid ceasefire truce schedule date timetable
  roadmap mechanism exchange sale purchase transfer release withdrawal reduction rescheduling swap
  tariff tariffs quota quotas price prices budget fund funding grant grants treaty text terms
`);

/** Verbs and objects of general intentions, which are not commitments: "expand bilateral cooperation". */
export const VAGUE_VERBS = set(`
  strengthen deepen expand enhance promote continue maintain boost develop further advance improve
  foster uphold consolidate broaden intensify support work keep push bring make remain stay step
`);
export const VAGUE_OBJECTS = set(`
  cooperation relations relationship ties exchanges exchange communication dialogue partnership friendship
  efforts work development understanding trust coordination consultation consultations engagement
  contacts collaboration together momentum stability results bilateral mutual the their our in and of
  to a an its issue issues matter matters area areas field fields this these that such close closely
  economic political strategic security regional global international
`);

export const CONDITIONAL = set('if unless provided providing subject conditional');

/** Words before a cue that deny the promise: "did not agree to", "will never provide". */
export const NEGATORS = set("not n't never no");
