/**
 * Embed entry (embed.html): the viewer alone, configured by the URL (config.ts), its scenario from
 * the share-link fragment, `?scenario=<URL>`, a preset or `ocv:loadScenario` (sources.ts), driven
 * by postMessage from trusted origins (api.ts). The app itself is viewerApp.tsx.
 */
import { hasSharePayload } from '../../core/report/shareLink';
import { installMessageApi, trustedOrigins } from './api';
import { parseEmbedQuery } from './config';
import { fetchScenarioText, initialScenario } from './sources';
import { mountViewerApp } from './viewerApp';

const root = document.getElementById('root');
if (root) {
  const cfg = parseEmbedQuery(window.location.search);
  const trust = trustedOrigins(cfg.origins, window.location.origin);
  cfg.warnings.push(...trust.warnings);
  const initial = initialScenario(cfg, window.location.hash);
  const controller = mountViewerApp(root, cfg, initial);
  installMessageApi(controller, trust.origins);
  if ('pending' in initial && cfg.scenarioUrl) {
    fetchScenarioText(cfg.scenarioUrl, window.location.href).then(
      (text) => controller.loadScenario(text, 'scenario URL').catch(() => {}),
      (e: Error) => controller.showMessage(e.message),
    );
  }
  // A host page that changes the iframe's fragment to another share link: show that scenario.
  window.addEventListener('hashchange', () => {
    if (!hasSharePayload(window.location.hash)) return;
    const r = initialScenario(cfg, window.location.hash);
    if ('scenario' in r) controller.loadScenario(r.scenario, 'share link').catch(() => {});
    else if ('error' in r) controller.showMessage(r.error);
  });
}
