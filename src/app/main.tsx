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
import { effectiveTheme, readThemeChoice, watchSystemTheme } from '../ui/theme';
import { PRESET_PARAM, satFromHash, searchWithout, setPendingSatellite } from './deepLink';

async function main() {
  const root = document.getElementById('root');
  if (!root) return;
  const boot = await chooseStartScenario(location.hash, location.search).catch((e: Error) => ({
    scenario: defaultScenario(),
    docId: newScenarioId(),
    notes: [{ level: 'error' as const, text: `Start-up failed: ${e.message}` }],
  }));
  const store = createWorkspace(boot.scenario, boot.docId);
  const viewer = createPageViewer(boot.scenario);
  const actions = workspaceActions(store, viewer);
  // The theme follows the system until chosen (src/ui/theme.ts); the top bar's control keeps the choice.
  store.setState({ theme: effectiveTheme(readThemeChoice()) });
  watchSystemTheme(() => store.setState({ theme: effectiveTheme(readThemeChoice()) }));
  for (const n of boot.notes) actions.post(n.level, n.text);
  // A consumed share or preset link is removed from the address bar so a reload reopens the saved
  // copy; a #sat= link waits for the fleet (the 3D view selects it, src/app/deepLink.ts).
  setPendingSatellite(satFromHash(location.hash));
  const search = searchWithout(location.search, [PRESET_PARAM]);
  if (location.hash || search !== location.search) history.replaceState(null, '', location.pathname + search);
  store.subscribe(() => {
    const t = store.getState().theme;
    if (document.documentElement.dataset.theme !== t) document.documentElement.dataset.theme = t;
  });
  document.documentElement.dataset.theme = store.getState().theme;
  // A share link pasted into the address bar of an open planner (same document): open it too.
  window.addEventListener('hashchange', () => {
    const sat = satFromHash(location.hash);
    if (sat !== null && !hasSharePayload(location.hash)) {
      setPendingSatellite(sat);
      history.replaceState(null, '', location.pathname + location.search);
      return;
    }
    if (!hasSharePayload(location.hash)) return;
    const r = decodeShareFragment(location.hash);
    if (r.ok) {
      actions.open(r.scenario, newScenarioId());
      actions.post('info', `Opened the shared scenario "${r.scenario.name}" as a new saved scenario.`);
    } else actions.post('error', `${r.error}. Nothing was changed.`);
    setPendingSatellite(satFromHash(location.hash));
    history.replaceState(null, '', location.pathname + location.search);
  });
  createRoot(root).render(<App workspace={{ store, viewer, actions, services: pageServices(actions) }} />);
  store.setState({ ready: true });
}

void main();
