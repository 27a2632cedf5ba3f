/**
 * Start-up: pick the scenario to open (a share link in the URL fragment, else a `?preset=` link
 * (src/app/deepLink.ts), else the scenario that was open last, else the default preset) and keep it
 * saved in IndexedDB as it changes.
 */
import { defaultScenario } from '../core/presets';
import type { Scenario } from '../core/scenario/schema';
import { currentScenarioId, describeStorageError, loadScenario, newScenarioId, saveScenario } from './persistence';
import { decodeShareFragment, hasSharePayload } from '../core/report/shareLink';
import type { WorkspaceActions, WorkspaceStore } from '../ui/workspace';
import { presetFromLink } from './deepLink';

export interface BootResult {
  scenario: Scenario;
  docId: string;
  notes: Array<{ level: 'info' | 'warning' | 'error'; text: string }>;
}

export async function chooseStartScenario(hash: string, search = ''): Promise<BootResult> {
  const notes: BootResult['notes'] = [];
  const preset = presetFromLink(search);
  if (hasSharePayload(hash)) {
    const r = decodeShareFragment(hash);
    if (r.ok) {
      notes.push({ level: 'info', text: `Opened the shared scenario "${r.scenario.name}" as a new saved scenario.` });
      return { scenario: r.scenario, docId: newScenarioId(), notes };
    }
    notes.push({ level: 'error', text: `${r.error}. Your saved scenarios are untouched.` });
  } else if (preset) {
    // A preset link opens a fresh copy (saved as a new scenario), or says why not and opens the default.
    if (preset.ok) {
      notes.push({ level: 'info', text: `Opened the preset "${preset.scenario.name}" from the link as a new saved scenario.` });
      return { scenario: preset.scenario, docId: newScenarioId(), notes };
    }
    notes.push({ level: 'error', text: preset.error });
    return { scenario: defaultScenario(), docId: newScenarioId(), notes };
  }
  try {
    const id = await currentScenarioId();
    if (id) {
      const r = await loadScenario(id);
      if (r.ok) return { scenario: r.scenario, docId: id, notes };
      notes.push({ level: 'error', text: r.error });
    }
  } catch (e) {
    // no usable storage at all: the first autosave says so (and why), once
    const d = describeStorageError(e);
    if (!d.off) notes.push({ level: 'warning', text: `Saved scenarios could not be read: ${d.why}.` });
  }
  return { scenario: defaultScenario(), docId: newScenarioId(), notes };
}

/**
 * Save the scenario shortly after every change, and when the page is hidden. Switching to another
 * document saves the previous one at once, so an edit made just before the switch is kept.
 */
export function startAutosave(
  store: WorkspaceStore,
  actions: WorkspaceActions,
  countSatellites: (s: Scenario) => number,
  delayMs = 400,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSaved: { docId: string; scenario: Scenario } | null = null;
  let failedOnce = false;
  const save = async (docId: string, scenario: Scenario, current: boolean) => {
    if (lastSaved && lastSaved.docId === docId && lastSaved.scenario === scenario) {
      // e.g. an edit undone before it was saved: what is on screen is the saved copy
      const s = store.getState();
      if (current && s.docId === docId && s.history.present === scenario && s.saveStatus === 'unsaved')
        store.setState({ saveStatus: 'saved' });
      return;
    }
    if (current && store.getState().saveStatus !== 'off') store.setState({ saveStatus: 'saving' });
    try {
      // IndexedDB writes the record in one transaction: a failed put leaves the copy saved before it
      await saveScenario(docId, scenario, countSatellites(scenario));
      lastSaved = { docId, scenario };
      failedOnce = false;
      const s = store.getState();
      if (s.docId === docId && s.history.present === scenario) store.setState({ saveStatus: 'saved', saveNote: null });
    } catch (e) {
      const d = describeStorageError(e);
      const note = d.off
        ? `${d.why}. Use "Save file" to keep your work.`
        : `${d.why}. The copy saved before is kept; saving is tried again at the next change.`;
      if (store.getState().docId === docId) store.setState({ saveStatus: d.off ? 'off' : 'error', saveNote: note });
      if (!failedOnce)
        actions.post(
          'warning',
          d.off ? `Autosave is off: ${note} The planner works as before; nothing is kept after this tab closes.` : `Not saved: ${note}`,
        );
      failedOnce = true;
    }
  };
  const flush = () => {
    timer = null;
    const { history, docId, ready } = store.getState();
    if (ready) void save(docId, history.present, true);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  let prev = store.getState().history.present;
  let prevDoc = store.getState().docId;
  let prevReady = store.getState().ready;
  const unsub = store.subscribe(() => {
    const s = store.getState();
    if (s.history.present !== prev || s.docId !== prevDoc || s.ready !== prevReady) {
      if (s.docId !== prevDoc && prevReady) void save(prevDoc, prev, false);
      prev = s.history.present;
      prevDoc = s.docId;
      prevReady = s.ready;
      schedule();
    }
  });
  // A fresh page: save what is open now (a new default, or a share link), so the status is true from the start.
  schedule();
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  const onPageHide = () => flush();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    unsub();
    if (timer) clearTimeout(timer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
  };
}
