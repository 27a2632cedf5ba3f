/** Planner page entry. */
import { createRoot } from 'react-dom/client';
import '../ui/theme.css';
import { App } from './App';
import { chooseStartScenario } from './boot';
import { createPageViewer, createWorkspace, workspaceActions } from './store';
import { pageServices } from './services';
import { defaultScenario } from '../core/presets';
import { newScenarioId } from './persistence';
import { decodeShareFragment, hasSharePayload } from '../core/report/shareLink';

const THEME_KEY = 'odc-theme';

async function main() {
  const root = document.getElementById('root');
  if (!root) return;
  const savedTheme = (() => {
    try {
      return localStorage.getItem(THEME_KEY);
    } catch {
      return null;
    }
  })();
  const boot = await chooseStartScenario(location.hash).catch((e: Error) => ({
    scenario: defaultScenario(),
    docId: newScenarioId(),
    notes: [{ level: 'error' as const, text: `Start-up failed: ${e.message}` }],
  }));
  const store = createWorkspace(boot.scenario, boot.docId);
  const viewer = createPageViewer(boot.scenario);
  const actions = workspaceActions(store, viewer);
  if (savedTheme === 'light' || savedTheme === 'dark') store.setState({ theme: savedTheme });
  for (const n of boot.notes) actions.post(n.level, n.text);
  // A consumed share link is removed from the address bar so a reload reopens the saved copy.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  store.subscribe(() => {
    const t = store.getState().theme;
    if (document.documentElement.dataset.theme !== t) {
      document.documentElement.dataset.theme = t;
      try {
        localStorage.setItem(THEME_KEY, t);
      } catch {
        /* private mode: theme not kept */
      }
    }
  });
  document.documentElement.dataset.theme = store.getState().theme;
  // A share link pasted into the address bar of an open planner (same document): open it too.
  window.addEventListener('hashchange', () => {
    if (!hasSharePayload(location.hash)) return;
    const r = decodeShareFragment(location.hash);
    if (r.ok) {
      actions.open(r.scenario, newScenarioId());
      actions.post('info', `Opened the shared scenario "${r.scenario.name}" as a new saved scenario.`);
    } else actions.post('error', `${r.error}. Nothing was changed.`);
    history.replaceState(null, '', location.pathname + location.search);
  });
  createRoot(root).render(<App workspace={{ store, viewer, actions, services: pageServices(actions) }} />);
  store.setState({ ready: true });
}

void main();
