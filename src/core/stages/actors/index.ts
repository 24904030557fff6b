/**
 * Stage `actors`: turns mentions into actors. Persons are introduced by strong evidence (KB name, title,
 * appositive, honorific, speech verb) and then pick up their partial names, role nouns ("the Secretary")
 * and pronouns; states and organisations gather every name, adjective, capital and body mention;
 * "the two sides" becomes a group of the two most salient parties at that point.
 * Affiliation of a person, in order: the text's own modifiers ("Chinese ... Wang Yi", "Turkey's
 * ambassador"), the KB's office at the article's date, the title's own state ("Secretary of State"),
 * an "of" complement ("Minister of Foreign Affairs of Indonesia"), then the sentence and the dateline.
 */
import type { KbPerson, KbTitle } from '../../../knowledge/types.js';
import { matchAt, officesAt, validAt, type CompiledKb } from '../../kb/compile.js';
import { isBlank, type Doc } from '../../nlp.js';
import { scanWords } from '../../text/words.js';
import type { Article, Actor, Mention, MentionKind, Span } from '../../types.js';
import type { Chain, EntityHit, Mentions, NameHit } from '../mentions/index.js';

interface PersonRecord {
  kb: KbPerson | null;
  name: string;
  norms: Set<string>;
  titles: KbTitle[];
  chains: Chain[];
  gender: 'm' | 'f' | null;
  mentions: (Mention & { sentence: number })[];
  code: string | null;
  sector: string | null;
  former: boolean;
  first: number;
}

/** A quote's speaker expression, found before actors are resolved (see the quotes stage). */
export interface SpeakerHint {
  speakerSpan: Span | null;
  speakerHead?: Span | null;
  speakerHeadKind?: 'name' | 'pronoun' | 'noun' | 'role';
}

export interface ActorsInput {
  article: Article;
  doc: Doc;
  mentions: Mentions;
  kb: CompiledKb;
  /** Speakers of quotes: every one should end up as some actor's mention. */
  speakers?: SpeakerHint[];
}

const SECTOR_ELI = 'ELI';

/** What the phases of resolveActors share: the input and the persons found so far. */
interface Resolution {
  article: Article;
  doc: Doc;
  mentions: Mentions;
  kb: CompiledKb;
  date: string | null;
  text: string;
  persons: PersonRecord[];
}

type Described = { name: string; code: string | null; sector: string | null; mentions: (Mention & { sentence: number })[] };
type EntityActor = { type: 'state' | 'organization'; code: string; mentions: (Mention & { sentence: number })[] };
type Draft = Omit<Actor, 'id'> & { first: number; draftKey: string };

export function resolveActors({ article, doc, mentions, kb, speakers = [] }: ActorsInput): Actor[] {
  const r: Resolution = { article, doc, mentions, kb, date: article.date, text: article.text, persons: [] };
  namePersons(r);
  const dateline = datelineCode(kb, article);
  for (const p of r.persons) affiliate(r, p, dateline);
  attachRoles(r);
  attachPronouns(r);
  const described = describeSpeakers(r, speakers, dateline);
  const entityActors = entityActorsOf(r);

  // assemble, ids in order of first mention
  const drafts: Draft[] = [];
  const { persons } = r;
  for (const p of persons) {
    drafts.push({
      name: p.kb && p.norms.size < 2 ? p.kb.name : p.name,
      type: 'person',
      code: p.code,
      sector: p.sector,
      titles: p.titles.map((t) => t.title),
      mentions: p.mentions.map(strip),
      kbId: p.kb?.id ?? null,
      first: p.mentions[0].start,
      draftKey: `P${persons.indexOf(p)}`,
    });
  }
  for (const [key, d] of described) {
    drafts.push({ name: d.name, type: 'other', code: d.code, sector: d.sector, titles: [], mentions: d.mentions.map(strip), first: d.mentions[0].start, draftKey: `D${key}` });
  }
  for (const a of entityActors.values()) {
    const org = a.type === 'organization' ? kb.organizations.get(a.code) : undefined;
    const name = a.type === 'state' ? kb.states.get(a.code)?.name : org?.name;
    drafts.push({ name: name ?? a.code, type: a.type, code: org && !org.coded ? null : a.code, sector: org ? org.sector : null, titles: [], mentions: a.mentions.map(strip), first: a.mentions[0].start, draftKey: `E${a.code}` });
  }
  drafts.push(...groupDrafts(r, entityActors));
  drafts.sort((a, b) => a.first - b.first);
  const idOf = new Map(drafts.map((d, i) => [d.draftKey, `A${i + 1}`]));
  return drafts.map((d) => {
    // a group's memberKeys are draft keys, internal to this stage: the output names members by actor id
    const { first: _first, draftKey, memberKeys, ...rest } = d as Draft & { memberKeys?: string[] };
    const actor: Actor = { id: idOf.get(draftKey)!, ...rest };
    if (memberKeys) actor.members = memberKeys.map((k) => idOf.get(k)!).filter(Boolean);
    return actor;
  });
}

function kbPersonAt(r: Resolution, ids: string[]): KbPerson | null {
  const ps = ids.map((id) => r.kb.persons.get(id)).filter((p): p is KbPerson => Boolean(p));
  return ps.find((p) => officesAt(p, r.date).length) ?? ps[0] ?? null;
}

function findByShort(r: Resolution, norms: string[]): KbPerson | null {
  const cands = (r.kb.shortNames.get(norms.join(' ')) ?? []).filter((p) => officesAt(p, r.date).length);
  return cands.length === 1 ? cands[0] : null;
}

function mention(r: Resolution, h: { start: number; end: number; sentence: number }, kind: MentionKind): Mention & { sentence: number } {
  return { start: h.start, end: h.end, text: r.text.slice(h.start, h.end), kind, sentence: h.sentence };
}

function addPerson(r: Resolution, h: NameHit, kbp: KbPerson | null): PersonRecord {
  const rec: PersonRecord = { kb: kbp, name: h.text, norms: new Set(h.norms), titles: [], chains: [], gender: h.gender ?? kbp?.gender ?? null, mentions: [], code: null, sector: null, former: false, first: h.start };
  r.persons.push(rec);
  return rec;
}

function absorb(r: Resolution, rec: PersonRecord, h: NameHit, kind: MentionKind): void {
  rec.mentions.push(mention(r, h, kind));
  for (const c of [h.chain, h.appositive]) if (c) rec.chains.push(c);
  if (h.gender && !rec.gender) rec.gender = h.gender;
  if (kind === 'name' && h.norms.length > rec.norms.size && [...rec.norms].every((n) => h.norms.includes(n))) {
    rec.name = h.text;
    rec.norms = new Set(h.norms);
  }
}

/** The person a run of name words refers to: same KB entry, or all its words within a known name. */
function known(r: Resolution, h: NameHit, before: number): PersonRecord | null {
  let best: PersonRecord | null = null;
  let bestAt = -1;
  for (const p of r.persons) {
    const same = (h.kbIds.length && p.kb && h.kbIds.includes(p.kb.id)) || allIn(h.norms, p.norms) || (p.norms.size && h.evidence !== 'bare' && allAmong(p.norms, h.norms));
    if (!same) continue;
    // the latest mention before `before` (a loop: spreading thousands of mentions into Math.max is
    // quadratic over an article and can overflow the stack)
    let last = p.first;
    for (const m of p.mentions) if (m.start < before && m.start > last) last = m.start;
    if (last > bestAt) {
      best = p;
      bestAt = last;
    }
  }
  return best;
}

/** Whether every word of `norms` is in `set`. */
function allIn(norms: string[], set: Set<string>): boolean {
  for (const n of norms) if (!set.has(n)) return false;
  return true;
}

/** Whether every word of `set` is among `norms`. */
function allAmong(set: Set<string>, norms: string[]): boolean {
  for (const n of set) if (!norms.includes(n)) return false;
  return true;
}

/** Index of the first word starting at or after `pos` (binary search; words are in text order). */
function firstWordAt(words: Mentions['words'], pos: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last person before `pos` (by a mention other than a pronoun) that `ok` accepts. */
function lastBefore(r: Resolution, pos: number, ok: (p: PersonRecord) => boolean): PersonRecord | null {
  let best: PersonRecord | null = null;
  let at = -1;
  for (const p of r.persons) {
    if (!ok(p)) continue;
    for (const m of p.mentions) if (m.start < pos && m.start > at && m.kind !== 'pronoun') ((best = p), (at = m.start));
  }
  return best;
}

/** Persons: strong evidence first, then the bare runs that repeat a known name. */
function namePersons(r: Resolution): void {
  const { mentions, kb } = r;
  for (const h of mentions.names) {
    if (h.evidence === 'bare') continue;
    const kbp = h.kbIds.length ? kbPersonAt(r, h.kbIds) : findByShort(r, h.norms) ?? findByFull(kb, h.norms);
    const rec = known(r, { ...h, kbIds: kbp ? [kbp.id] : h.kbIds }, h.start) ?? addPerson(r, h, kbp);
    if (!rec.kb && kbp) rec.kb = kbp;
    absorb(r, rec, h, 'name');
  }
  for (const h of mentions.names) {
    if (h.evidence !== 'bare') continue;
    // "DFM Morgan": an unknown acronym before a known name is a title, not part of it
    const lead = startsWithAcronym(h.text) ? (h.text.match(/^(?:[A-Z]{2,}\.?\s+)+/)?.[0].length ?? 0) : 0;
    const bare = lead && h.norms.length > 1 ? { ...h, start: h.start + lead, norms: h.norms.slice(h.text.slice(0, lead).trim().split(/\s+/).length), text: h.text.slice(lead) } : h;
    const rec = known(r, bare, bare.start);
    if (rec && bare !== h) {
      absorb(r, rec, bare, 'partial');
      continue;
    }
    if (rec) {
      absorb(r, rec, h, h.norms.length < rec.norms.size ? 'partial' : 'name');
      continue;
    }
    const kbp = findByShort(r, h.norms) ?? findByFull(kb, h.norms);
    if (kbp) absorb(r, addPerson(r, h, kbp), h, 'name');
  }
}

const isAsciiCapital = (c: number) => c >= 0x41 && c <= 0x5a;

/** Whether a text opens with two ASCII capitals: only then can it open with an acronym (see namePersons). */
const startsWithAcronym = (text: string) => isAsciiCapital(text.charCodeAt(0)) && isAsciiCapital(text.charCodeAt(1));

/** Affiliation, titles and sector of a person. */
function affiliate(r: Resolution, p: PersonRecord, dateline: string | null): void {
  const { kb, date, mentions } = r;
  p.mentions.sort((a, b) => a.start - b.start);
  p.first = p.mentions[0].start;
  const titles = new Map<string, KbTitle>();
  for (const c of p.chains) for (const t of [...c.titles].reverse()) titles.set(t.title, t);
  const offices = p.kb ? officesAt(p.kb, date) : [];
  const nearestTitle = p.chains.length ? p.chains[0].titles[0] : null;
  const textCode = p.chains.flatMap((c) => c.codes)[0] ?? null;
  const office = offices.find((o) => titles.has(o.title)) ?? offices[0] ?? null;
  if (!titles.size && office) titles.set(office.title, kb.titles.get(office.title) ?? { title: office.title, forms: [], sector: office.sector });
  p.titles = [...titles.values()];
  p.former = p.chains.some((c) => c.former);
  p.code =
    textCode ??
    ledCode(p, mentions) ??
    office?.code ??
    p.titles.find((t) => t.code)?.code ??
    p.chains.flatMap((c) => c.ofCodes)[0] ??
    (p.kb && !offices.length ? (p.kb.offices.at(-1)?.code ?? null) : null) ??
    sentenceCode(p, mentions) ??
    dateline;
  const org = p.code != null ? kb.organizations.get(p.code) : undefined;
  p.sector = p.former ? SECTOR_ELI : org ? org.sector : (nearestTitle?.sector ?? office?.sector ?? p.titles[0]?.sector ?? null);
  if (org && !org.coded) p.code = null; // a member of an uncoded group ("Taliban spokesman") keeps no code
}

/** Role nouns: "the Secretary" is the last person before it with that title. */
function attachRoles(r: Resolution): void {
  for (const role of r.mentions.roles) {
    const fits = (p: PersonRecord) =>
      p.titles.some((t) => t.title === role.title.title || t.title.startsWith(role.title.title + ' of') || t.forms.includes(role.title.title.toLowerCase())) &&
      (!role.codes.length || role.codes.includes(p.code ?? ''));
    const p = lastBefore(r, role.start, fits);
    if (p && !p.mentions.some((m) => m.start <= role.start && m.end >= role.end)) p.mentions.push(mention(r, role, 'title'));
  }
  for (const p of r.persons) p.mentions.sort((a, b) => a.start - b.start);
}

/** Pronouns: cataphora in "For his part, Park ...", else the subject-most person nearby. */
function attachPronouns(r: Resolution): void {
  const { mentions, doc, persons } = r;
  for (const pr of mentions.pronouns) {
    if (pr.gender === 'pl') continue;
    const compatible = (p: PersonRecord) => !p.gender || p.gender === pr.gender;
    const words = mentions.words;
    const sentStart = firstWordAt(words, doc.sentences[pr.sentence].start);
    let target: PersonRecord | null = null;
    if (pr.w - sentStart <= 2) {
      const comma = words.slice(pr.w + 1, pr.w + 4).find((w) => w.gap.includes(','));
      if (comma) target = firstPersonIn(persons, pr.sentence, comma.start - 1, compatible);
    }
    if (!target) target = firstPersonIn(persons, pr.sentence, -1, compatible, pr.start);
    for (let back = 1; !target && back <= 3; back++) target = firstPersonIn(persons, pr.sentence - back, -1, compatible);
    if (target) target.mentions.push({ ...mention(r, pr, 'pronoun') });
  }
  for (const p of persons) p.mentions.sort((a, b) => a.start - b.start);
}

const SINGULAR_HEAD = /^(official|spokesman|spokeswoman|spokesperson|source|diplomat|aide|adviser|advisor|negotiator|delegate|banker|analyst|minister|envoy|ambassador)$/;

/**
 * Speakers of quotes that no person mention covers: a name in speaker position is a person ("Lynch
 * said"); a role refers back to the person holding it ("a U.N. spokesman"); anything else ("senior
 * Foreign Ministry official", "banking sources") becomes an unnamed actor of the state named in the
 * phrase, or of the dateline's. Returns those unnamed actors by key.
 */
function describeSpeakers(r: Resolution, speakers: SpeakerHint[], dateline: string | null): Map<string, Described> {
  const { doc } = r;
  const described = new Map<string, Described>();
  if (!speakers.length) return described;
  // where each sentence's first word starts (a sentence after a blank line opens with the line break)
  const sentenceStarts = new Set(doc.sentences.map((x) => doc.tokens.slice(x.first, x.last).find((t) => !isBlank(t.text))?.start ?? x.start));
  for (const sp of speakers) {
    if (!sp.speakerSpan) continue;
    describeSpeaker(r, sp, sp.speakerSpan, described, sentenceStarts, dateline);
  }
  return described;
}

/** Whether every token inside the span is tagged PROPN (the tokens are in text order: found by a binary search). */
function allProperNouns(doc: Doc, span: Span): boolean {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].start < span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < toks.length && toks[i].end <= span.end; i++) if (toks[i].pos !== 'PROPN') return false;
  return true;
}

function describeSpeaker(r: Resolution, sp: SpeakerHint, span: Span, described: Map<string, Described>, sentenceStarts: Set<number>, dateline: string | null): void {
  const { doc, mentions, kb, text, persons } = r;
  const head = sp.speakerHead ?? span;
  const sentence = doc.sentences.findIndex((x) => x.start <= span.start && x.end >= span.start);
  const onPerson = (a: Span) => persons.some((p) => p.mentions.some((m) => m.start < a.end && m.end > a.start));
  if (sp.speakerHeadKind === 'pronoun') {
    // "A senior Foreign Ministry official said ... he said": an unnamed speaker just before
    if (onPerson(head)) return;
    let best: { d: Described; at: number } | null = null;
    for (const d of described.values()) {
      const last = d.mentions.filter((m) => m.start < span.start && sentence - m.sentence <= 2).at(-1);
      if (last && SINGULAR_HEAD.test(d.name.split(' ').at(-1)!.toLowerCase()) && (!best || last.start > best.at)) best = { d, at: last.start };
    }
    if (best) best.d.mentions.push(mention(r, { ...head, sentence }, 'pronoun'));
    return;
  }
  if (onPerson(sp.speakerHeadKind === 'name' ? span : head)) return;
  // "Beijing said", "the U.S. delegation said": a state or organisation already speaks there
  if (mentions.entities.some((e) => e.start <= head.start && e.end >= head.end && (e.form !== 'capital' || !e.locative))) return;
  if (sp.speakerHeadKind === 'name') {
    const hit = mentions.names.find((n) => n.start < head.end && n.end > head.start);
    // a new person only from a proper name ("Lynch said"), not from a capitalised common noun ("Bankers said")
    const proper =
      hit &&
      allProperNouns(doc, hit) &&
      // a lone capitalised word opening a sentence ("Bankers said") must be capitalised somewhere else too
      (hit.norms.length > 1 || !sentenceStarts.has(hit.start) || mentions.words.some((w) => w.cap && w.norm === hit.norms[0] && !sentenceStarts.has(w.start) && !/[\n.!?"“]\s*$/.test(w.gap)));
    if (hit && (proper || known(r, hit, hit.start))) {
      const rec = known(r, hit, hit.start) ?? addPerson(r, hit, null);
      absorb(r, rec, hit, hit.norms.length < rec.norms.size ? 'partial' : 'name');
      rec.mentions.sort((a, b) => a.start - b.start);
      return;
    }
  }
  const phrase = text.slice(span.start, span.end).toLowerCase();
  const headWord = text.slice(head.start, head.end).toLowerCase();
  // the longest title form in the phrase that holds the head word ("chief of staff", "spokesman")
  let title: KbTitle | null = null;
  let formLen = 0;
  // only forms holding the head word, or equal to it without a plural s, can pass the test below: they
  // are taken from the index by word, and tried in the order of every title's forms (the first longest wins)
  const bare = headWord.replace(/s$/, '');
  const cands = [...(kb.titleFormsByWord.get(headWord) ?? []), ...(kb.titleFormsByWord.get(bare.split(' ')[0]) ?? []).filter((x) => x.form === bare)].sort((a, b) => a.order - b.order);
  for (const { title: t, form: f } of cands)
    if (f.length > formLen && phrase.includes(f) && (f.split(' ').includes(headWord) || f === bare)) ((title = t), (formLen = f.length));
  // entities inside the phrase, or in a phrase right after it ("an official source in the Soviet team")
  const after = text.slice(span.end, span.end + 40);
  const pp = /^\s+(in|of|from|at|with)\s/.test(after) ? span.end + after.search(/[.;,]|$/) : span.end;
  const inside = mentions.entities.filter((e) => e.start >= span.start && e.end <= Math.max(span.end, pp));
  // a role noun that names an office somebody in the article holds
  if (title && span.end - span.start < 60) {
    const t = title;
    const codes = inside.map((e) => e.code);
    const fits = (p: PersonRecord) => p.titles.some((x) => x.title === t.title) && (!codes.length || codes.includes(p.code ?? ''));
    // the holder named before; else the only one named after ("President Reagan's chief of staff said ...
    // Chief of Staff Howard Baker noted")
    const later = persons.filter((p) => fits(p) && p.first > span.start);
    const holder = lastBefore(r, span.start, fits) ?? (later.length === 1 ? later[0] : null);
    if (holder) {
      holder.mentions.push(mention(r, { ...span, sentence }, 'title'));
      holder.mentions.sort((a, b) => a.start - b.start);
      return;
    }
  }
  // "the statement", "the source": the unnamed speaker introduced before with that head word
  if (/^the\s+\S+$/i.test(text.slice(span.start, span.end))) {
    const prev = [...described.values()].filter((d) => d.name.toLowerCase().split(/\s+/).includes(headWord)).at(-1);
    if (prev) {
      prev.mentions.push(mention(r, { ...span, sentence }, 'description'));
      return;
    }
  }
  const name = text.slice(span.start, span.end).replace(/^(a|an|the|one|two|three|some|several|many|other|another|its|his|her|their)\s+/i, '').trim();
  if (!name || name.length > 60) return;
  const code = inside.find((e) => e.type === 'state')?.code ?? inside[0]?.code ?? dateline;
  const key = `${name.toLowerCase()}|${code}`;
  const d = described.get(key) ?? { name, code, sector: title?.sector ?? null, mentions: [] };
  d.mentions.push(mention(r, { ...span, sentence }, 'description'));
  described.set(key, d);
}

/** States and organisations, by code. */
function entityActorsOf(r: Resolution): Map<string, EntityActor> {
  const entityActors = new Map<string, EntityActor>();
  for (const e of r.mentions.entities) {
    if (e.form === 'capital' && e.locative) continue; // "met in Jakarta": a place, not the state acting
    const key = e.code;
    const a = entityActors.get(key) ?? { type: e.type === 'state' ? ('state' as const) : ('organization' as const), code: e.code, mentions: [] };
    a.mentions.push(mention(r, e, entityKind(e, r.text)));
    entityActors.set(key, a);
  }
  return entityActors;
}

/** The two most salient parties before a group reference at `pos`, by code, with their draft keys. */
function salience(r: Resolution, entityActors: Map<string, EntityActor>, pos: number, sentence: number, of: 'states' | 'persons'): [string, { w: number; key: string }][] {
  const score = new Map<string, { w: number; key: string }>();
  const add = (code: string | null, key: string, m: { start: number; sentence: number }, w0 = 1) => {
    if (!code || m.start >= pos) return;
    const w = w0 / (1 + Math.max(0, sentence - m.sentence));
    const s = score.get(code) ?? { w: 0, key };
    s.w += w;
    score.set(code, s);
  };
  r.persons.forEach((p, i) => p.mentions.forEach((m) => add(p.code, of === 'persons' ? `P${i}` : entityActors.has(p.code ?? '') ? `E${p.code}` : `P${i}`, m)));
  if (of === 'states') for (const a of entityActors.values()) a.mentions.forEach((m) => add(a.code, `E${a.code}`, m, m.kind === 'capital' ? 0.5 : 1));
  return [...score.entries()].sort((a, b) => b[1].w - a[1].w).slice(0, 2);
}

/** Groups: the two most salient parties before the reference (and "they" right after one). */
function groupDrafts(r: Resolution, entityActors: Map<string, EntityActor>): (Draft & { memberKeys: string[] })[] {
  const { mentions, persons, text } = r;
  const groupDrafts = new Map<string, Draft & { memberKeys: string[] }>();
  let lastGroup: { key: string; sentence: number } | null = null;
  let named: Map<number, Named[]> | null = null;
  const groupRefs = [
    ...mentions.groups.map((g) => ({ ...g, pronoun: false })),
    ...mentions.pronouns.filter((p) => p.gender === 'pl').map((p) => ({ start: p.start, end: p.end, text: p.text, of: 'states' as const, sentence: p.sentence, pronoun: true })),
  ].sort((a, b) => a.start - b.start);
  for (const g of groupRefs) {
    let key: string | null = null;
    if (g.pronoun) {
      if (lastGroup && g.sentence - lastGroup.sentence <= 1) key = lastGroup.key;
      else {
        // "Sato and Hartmann met in Tokyo. They agreed ...": two persons joined by "and" just before
        named ??= namedBySentence(persons);
        const pair = coordinatedPair(named, g.sentence, g.start, text);
        if (!pair) continue;
        const memberKeys = pair.map((p) => `P${persons.indexOf(p)}`).sort();
        key = memberKeys.join('+');
        if (!groupDrafts.has(key)) groupDrafts.set(key, { name: `${pair[0].name} and ${pair[1].name}`, type: 'group', code: null, sector: null, titles: [], mentions: [], first: g.start, draftKey: `G${key}`, memberKeys });
      }
    } else {
      const top = salience(r, entityActors, g.start, g.sentence, g.of);
      if (top.length < 2) continue;
      const memberKeys = top.map(([, v]) => v.key).sort();
      key = memberKeys.join('+');
      if (!groupDrafts.has(key)) groupDrafts.set(key, { name: g.text, type: 'group', code: null, sector: null, titles: [], mentions: [], first: g.start, draftKey: `G${key}`, memberKeys });
    }
    const gd = groupDrafts.get(key)!;
    gd.mentions.push({ start: g.start, end: g.end, text: g.text, kind: g.pronoun ? 'pronoun' : 'group' });
    lastGroup = { key, sentence: g.sentence };
  }
  return [...groupDrafts.values()];
}

type Named = { p: PersonRecord; m: Mention & { sentence: number } };

/** The persons' mentions other than pronouns, by sentence, in text order (persons in order on a tie). */
function namedBySentence(persons: PersonRecord[]): Map<number, Named[]> {
  const bySentence = new Map<number, Named[]>();
  for (const p of persons)
    for (const m of p.mentions) {
      if (m.kind === 'pronoun') continue;
      const list = bySentence.get(m.sentence);
      if (list) list.push({ p, m });
      else bySentence.set(m.sentence, [{ p, m }]);
    }
  for (const list of bySentence.values()) list.sort((a, b) => a.m.start - b.m.start);
  return bySentence;
}

/** Two persons of different states named together ("X and Y") in this sentence before pos, or the previous one. */
function coordinatedPair(bySentence: Map<number, Named[]>, sentence: number, pos: number, text: string): [PersonRecord, PersonRecord] | null {
  for (const sent of [sentence, sentence - 1]) {
    const named = (bySentence.get(sent) ?? []).filter((x) => x.m.start < pos);
    for (let i = 0; i + 1 < named.length; i++) {
      const a = named[i];
      const b = named[i + 1];
      if (a.p === b.p || a.p.code === b.p.code) continue;
      const between = text.slice(a.m.end, b.m.start);
      if (/\band\b/.test(between) && between.length < 80 && !/[.;]/.test(between)) return [a.p, b.p];
    }
  }
  return null;
}

function strip(m: Mention & { sentence?: number }): Mention {
  return { start: m.start, end: m.end, text: m.text, kind: m.kind };
}

function entityKind(e: EntityHit, text: string): MentionKind {
  if (e.body) return 'body';
  if (e.form === 'adjective') return 'adjective';
  if (e.form === 'capital') return 'capital';
  return /^[A-Z][A-Z.\d-]*$/.test(text.slice(e.start, e.end)) ? 'acronym' : 'name';
}

/** KB persons' full names as lower-case words without accents, by name (a pure function, kept: the KB's
 *  names are few). */
const nameWords = new Map<string, string[]>();

function nameWordsOf(p: KbPerson): string[] {
  let words = nameWords.get(p.name);
  if (!words) nameWords.set(p.name, (words = p.name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[\s.-]+/)));
  return words;
}

function findByFull(kb: CompiledKb, norms: string[]): KbPerson | null {
  // a full name whose words are all present ("Wendy Sherman" for "Wendy R. Sherman")
  if (norms.length < 2) return null;
  const cands = (kb.shortNames.get(norms[norms.length - 1]) ?? []).filter((p) => norms.every((n) => nameWordsOf(p).includes(n)));
  return cands.length === 1 ? cands[0] : null;
}

function firstPersonIn(persons: PersonRecord[], sentence: number, after: number, ok: (p: PersonRecord) => boolean, before = Infinity): PersonRecord | null {
  let best: PersonRecord | null = null;
  let at = Infinity;
  for (const p of persons) {
    if (!ok(p)) continue;
    for (const m of p.mentions) {
      if (m.sentence !== sentence || m.start <= after || m.start >= before || m.kind === 'pronoun') continue;
      if (m.start < at) ((best = p), (at = m.start));
    }
  }
  return best;
}


const LEAD_VERBS = new Set(['led', 'leads', 'lead', 'leading', 'headed', 'heads', 'head', 'heading', 'represented', 'representing', 'represents']);

/** "X and Y led the Thai delegation": the nearest following delegation the person leads in the sentence. */
function ledCode(p: PersonRecord, mentions: Mentions): string | null {
  const m = p.mentions.find((x) => x.kind === 'name');
  if (!m) return null;
  const words = mentions.words;
  let best: EntityHit | null = null;
  for (const e of mentions.entities) {
    if (!e.body || e.sentence !== m.sentence || e.start < m.end || (best && e.start > best.start)) continue;
    const k = e.w0 - 1;
    const verb = k >= 0 && words[k].norm === 'the' ? k - 1 : k;
    if (verb >= 0 && LEAD_VERBS.has(words[verb].norm)) best = e;
  }
  return best?.code ?? null;
}

/** The state named nearest before a person in the same sentence ("In Oman, the Deputy Secretary will meet Deputy Foreign Minister ..."). */
function sentenceCode(p: PersonRecord, mentions: Mentions): string | null {
  const m = p.mentions.find((x) => x.kind === 'name');
  if (!m) return null;
  const ownChain = Math.min(m.start, ...p.chains.map((c) => c.start));
  let best: EntityHit | null = null;
  for (const e of mentions.entities) {
    if (e.sentence !== m.sentence || e.type !== 'state' || e.end > ownChain) continue;
    if (!best || e.start > best.start) best = e;
  }
  return best?.code ?? null;
}

/** The state or organisation a dateline names ("TOKYO, April 2" → JPN, "UNITED NATIONS" → UN). */
function datelineCode(kb: CompiledKb, article: Article): string | null {
  if (!article.dateline) return null;
  const words = scanWords(article.dateline);
  for (let i = 0; i < words.length; i++) {
    const m = matchAt(kb.trie, words, i);
    const e = m?.entries.find((x) => x.type === 'state' && validAt(x.validity, article.date)) ?? m?.entries.find((x) => x.type === 'state' || x.type === 'org');
    if (e && (e.type === 'state' || e.type === 'org')) return e.code;
  }
  return null;
}

