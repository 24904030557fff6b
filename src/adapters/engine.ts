/** The engine with the shipped data loaded from disk: KB (plus user files), gazetteer and lexicons. */
import { createEngine, type Engine } from '../core/index.js';
import { loadGazetteer } from '../knowledge/gazetteer.js';
import { loadEventLexicon, loadToneExtension } from '../knowledge/lexicons.js';
import { loadKnowledgeBase } from '../knowledge/load.js';

export interface LoadOptions {
  /** User KB files merged over the shipped KB, in order. */
  kb?: string[];
  /** User event-lexicon files merged over the shipped one, in order. */
  lexicon?: string[];
  /** Stage names to switch off. */
  disable?: string[];
}

export function loadEngine(opts: LoadOptions = {}): Engine {
  return createEngine({ kb: loadKnowledgeBase(opts.kb ?? []), gazetteer: loadGazetteer(), tone: loadToneExtension(), events: loadEventLexicon(opts.lexicon ?? []), disable: opts.disable ?? [] });
}
