/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed over linkedom's XML DOM: the items with their link,
 * title, date and whatever content the feed carries. Pure.
 */
import { DOMParser } from 'linkedom';

export interface FeedItem {
  title: string | null;
  link: string | null;
  date: string | null;
  /** HTML or text the feed carries for the item (content:encoded, content, description, summary). */
  content: string | null;
  id: string | null;
}

export interface Feed {
  kind: 'rss' | 'atom' | 'rdf';
  title: string | null;
  link: string | null;
  items: FeedItem[];
}

/** Does this content look like a feed? (Looks at the first root element only.) */
export function isFeed(content: string): boolean {
  const head = content.slice(0, 2000).replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trimStart();
  return /^(<!DOCTYPE[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

type El = { getAttribute(n: string): string | null; textContent: string | null; getElementsByTagName(n: string): ArrayLike<El>; children: ArrayLike<El>; tagName: string };

function child(el: El, ...names: string[]): El | null {
  for (const n of names) {
    const found = Array.from(el.children).find((c) => c.tagName.toLowerCase() === n.toLowerCase());
    if (found) return found;
  }
  return null;
}

const text = (el: El | null): string | null => {
  const t = el?.textContent?.trim();
  return t ? t : null;
};

function atomLink(el: El): string | null {
  const links = Array.from(el.children).filter((c) => c.tagName.toLowerCase() === 'link');
  const alt = links.find((l) => !l.getAttribute('rel') || l.getAttribute('rel') === 'alternate') ?? links[0];
  return alt?.getAttribute('href') ?? null;
}

export function parseFeed(xml: string): Feed {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { documentElement: El | null };
  const root = doc.documentElement;
  if (!root) throw new Error('not an XML document');
  const tag = root.tagName.toLowerCase();
  if (tag === 'feed') {
    return {
      kind: 'atom',
      title: text(child(root, 'title')),
      link: atomLink(root),
      items: Array.from(root.children)
        .filter((c) => c.tagName.toLowerCase() === 'entry')
        .map((e) => ({
          title: text(child(e, 'title')),
          link: atomLink(e),
          date: text(child(e, 'published', 'updated')),
          content: text(child(e, 'content', 'summary')),
          id: text(child(e, 'id')),
        })),
    };
  }
  if (tag === 'rss' || tag === 'rdf:rdf') {
    const channel = child(root, 'channel') ?? root;
    const itemParent = tag === 'rss' ? channel : root;
    return {
      kind: tag === 'rss' ? 'rss' : 'rdf',
      title: text(child(channel, 'title')),
      link: text(child(channel, 'link')),
      items: Array.from(itemParent.children)
        .filter((c) => c.tagName.toLowerCase() === 'item')
        .map((i) => ({
          title: text(child(i, 'title')),
          link: text(child(i, 'link')) ?? (child(i, 'guid')?.getAttribute('isPermaLink') !== 'false' ? text(child(i, 'guid')) : null),
          date: text(child(i, 'pubDate', 'dc:date', 'published', 'updated')),
          content: text(child(i, 'content:encoded', 'description')),
          id: text(child(i, 'guid')),
        })),
    };
  }
  throw new Error(`not a feed: the root element is <${root.tagName}>, expected <rss>, <feed> or <rdf:RDF>`);
}
