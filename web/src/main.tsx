/** The dashboard: one page per view, chosen by the URL's hash. */
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { ArticlesPage } from './pages/Articles';
import { CommitmentsPage } from './pages/Commitments';
import { DyadPage } from './pages/Dyad';
import { EventsPage } from './pages/Events';
import { MapPage } from './pages/Map';
import { NetworkPage } from './pages/Network';
import { QuotesPage } from './pages/Quotes';
import { ReaderPage } from './pages/Reader';
import { href, useRoute } from './router';
import './style.css';

const PAGES: Array<[string, string]> = [
  ['articles', 'Articles'],
  ['events', 'Events'],
  ['dyad', 'Dyads'],
  ['network', 'Network'],
  ['map', 'Map'],
  ['commitments', 'Commitments'],
  ['quotes', 'Quotes'],
];

function App() {
  const route = useRoute();
  const current = route.page === 'article' ? 'articles' : route.page;
  useEffect(() => {
    const label = PAGES.find(([p]) => p === current)?.[1] ?? 'parley';
    document.title = `${label} · parley`;
    document.body.dataset.page = route.page;
  }, [route.page]);
  let page;
  switch (route.page) {
    case 'article':
      page = <ReaderPage id={route.arg ?? ''} params={route.params} />;
      break;
    case 'events':
      page = <EventsPage params={route.params} />;
      break;
    case 'dyad':
      page = <DyadPage params={route.params} />;
      break;
    case 'network':
      page = <NetworkPage params={route.params} />;
      break;
    case 'map':
      page = <MapPage params={route.params} />;
      break;
    case 'commitments':
      page = <CommitmentsPage params={route.params} />;
      break;
    case 'quotes':
      page = <QuotesPage params={route.params} />;
      break;
    default:
      page = <ArticlesPage params={route.params} />;
  }
  return (
    <>
      <header class="top">
        <a class="brand" href="#/articles">
          parley
        </a>
        <nav>
          {PAGES.map(([p, label]) => (
            <a key={p} href={href(p)} class={p === current ? 'active' : ''} aria-current={p === current ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <a class="api-link" href="/openapi.json" target="_blank" rel="noopener">
          API
        </a>
      </header>
      <main id="page" data-page={route.page}>
        {page}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
