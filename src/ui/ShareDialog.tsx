/**
 * Share / embed dialog: the planner link, the embed link and iframe snippet (size, trusted origins,
 * options), a live preview of the embed, copy buttons, a warning when the link is too long for mail
 * or chat, and "Download standalone HTML". docs/EMBED.md describes what each produces.
 */
import { usePopupFocus } from '../render/focus';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useScenario, useWorkspace } from './workspace';
import { encodeShareFragment, SHARE_WARN_CHARS, shareUrl } from '../core/report/shareLink';
import { fileSlug } from './format';
import { generatedShellCount } from '../core/fleet/generators';
import { fillStandaloneTemplate } from '../core/standalone';
import { fmtInt } from './format';

const SIZES = [
  { key: '16:9', label: '16:9 slide (960 x 540)', w: 960, h: 540 },
  { key: '16:9l', label: '16:9 large (1280 x 720)', w: 1280, h: 720 },
  { key: '4:3', label: '4:3 slide (800 x 600)', w: 800, h: 600 },
  { key: 'custom', label: 'Custom', w: 0, h: 0 },
] as const;

/** Above this many satellites the live preview waits for a click (it runs a second viewer beside the planner's). */
const PREVIEW_AUTO_MAX = 200_000;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const scenario = useScenario();
  const { actions, services } = useWorkspace();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { link: useId(), embed: useId(), snippet: useId(), origins: useId(), size: useId(), w: useId(), h: useId() };
  const [sizeKey, setSizeKey] = useState<(typeof SIZES)[number]['key']>('16:9');
  const [custom, setCustom] = useState({ w: 960, h: 540 });
  const [origins, setOrigins] = useState('');
  const [ui, setUi] = useState(true);
  const [paused, setPaused] = useState(false);
  const [analysis, setAnalysis] = useState(true);
  const [previewOn, setPreviewOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const close = () => {
    ref.current?.close();
    onClose();
  };
  usePopupFocus(ref, { onClose: close });

  const size = sizeKey === 'custom' ? custom : SIZES.find((s) => s.key === sizeKey)!;
  const total = useMemo(() => scenario.shells.reduce((n, sh) => n + (sh.enabled ? generatedShellCount(sh) : 0), 0), [scenario]);
  const hasImported = scenario.shells.some((s) => s.kind === 'imported' && s.enabled);
  const fragment = useMemo(() => encodeShareFragment(scenario), [scenario]);
  const link = useMemo(() => shareUrl(location.href, scenario), [scenario]);
  const trust = services.embed.trustedOrigins(origins, location.origin);
  const embedBase = new URL('embed.html', location.href).toString();
  const query = new URLSearchParams();
  if (paused) query.set('paused', '1');
  if (!ui) query.set('ui', '0');
  if (!analysis) query.set('analysis', '0');
  const extra = [...trust.origins].filter((o) => o !== location.origin);
  if (extra.length) query.set('origins', extra.join(','));
  const qs = query.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/');
  const embedUrl = `${embedBase}${qs ? `?${qs}` : ''}#${fragment}`;
  const snippet =
    `<iframe src="${escapeAttr(embedUrl)}" width="${size.w}" height="${size.h}" style="border:0" allow="fullscreen" ` +
    `title="${escapeAttr(scenario.name)}"></iframe>`;
  const showPreview = previewOn ?? total <= PREVIEW_AUTO_MAX;

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      actions.post('info', `${what} copied to the clipboard.`);
    } catch {
      actions.post('warning', `Could not copy automatically: select the ${what.toLowerCase()} and copy it.`);
    }
  };

  const downloadStandalone = async () => {
    setBusy(true);
    try {
      const res = await fetch(new URL('viewer-standalone.html', location.href));
      if (!res.ok) throw new Error(`the viewer template is not on this server (${res.status}); build with npm run build`);
      const html = fillStandaloneTemplate(await res.text(), scenario, { paused, ui, analysis });
      services.files.downloadBlob(new Blob([html], { type: 'text/html' }), `${fileSlug(scenario.name)}-viewer.html`);
      actions.post(
        'info',
        `Standalone viewer of "${scenario.name}" saved (${(html.length / 1e6).toFixed(1)} MB): it opens from disk with no server and ` +
          `no network.${hasImported ? ' The imported element shells are in it too.' : ''}`,
      );
    } catch (e) {
      actions.post('error', `Could not make the standalone file: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const long = (n: number) => n > SHARE_WARN_CHARS;
  return (
    <dialog
      ref={ref}
      className="modal share-dialog"
      aria-labelledby={`${ids.link}-title`}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      data-testid="share-dialog"
      style={{ width: 'min(980px, 96vw)' }}
    >
      <div className="modal-head">
        <span className="title" id={`${ids.link}-title`}>
          Share and embed "{scenario.name}"
        </span>
        <button className="btn icon" aria-label="Close" onClick={close}>
          ×
        </button>
      </div>
      <div className="modal-body share-body">
        <div className="share-form">
          <div className="field">
            <label htmlFor={ids.link}>Planner link: the whole scenario, compressed in the fragment (never sent to a server)</label>
            <div className="share-copy-row">
              <input id={ids.link} type="text" readOnly value={link} data-testid="share-url" onFocus={(e) => e.target.select()} />
              <button className="btn primary" onClick={() => void copy(link, 'Link')} data-testid="copy-link">
                Copy link
              </button>
            </div>
            <p className={long(link.length) ? 'share-warn' : 'muted'} data-testid="share-length">
              {fmtInt(link.length)} characters.
              {long(link.length)
                ? ` Longer than ${fmtInt(SHARE_WARN_CHARS)}: mail clients such as Outlook and some webmail break links around 2,000 ` +
                  `characters, and chat tools shorten or cut long ones. Send the scenario file or the standalone HTML instead.`
                : ` Fits mail and chat (they can break links above about ${fmtInt(SHARE_WARN_CHARS)}).`}
              {hasImported ? " The imported shells' element texts ride in the link, which makes it long." : ''}
            </p>
          </div>

          <fieldset className="share-embed">
            <legend>Embed in a slide or a page</legend>
            <div className="share-grid">
              <label htmlFor={ids.size}>Size</label>
              <div>
                <select
                  id={ids.size}
                  value={sizeKey}
                  onChange={(e) => setSizeKey(e.target.value as typeof sizeKey)}
                  data-testid="embed-size"
                >
                  {SIZES.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
                {sizeKey === 'custom' && (
                  <span className="share-custom">
                    <input
                      id={ids.w}
                      type="number"
                      min={200}
                      max={4000}
                      value={custom.w}
                      aria-label="Width, px"
                      onChange={(e) =>
                        setCustom({ ...custom, w: Math.max(200, Math.min(4000, Math.round(Number(e.target.value) || 960))) })
                      }
                    />
                    x
                    <input
                      id={ids.h}
                      type="number"
                      min={150}
                      max={4000}
                      value={custom.h}
                      aria-label="Height, px"
                      onChange={(e) =>
                        setCustom({ ...custom, h: Math.max(150, Math.min(4000, Math.round(Number(e.target.value) || 540))) })
                      }
                    />
                    px
                  </span>
                )}
              </div>
              <label htmlFor={ids.origins}>Trusted origins</label>
              <div>
                <input
                  id={ids.origins}
                  type="text"
                  placeholder="https://slides.example.org, https://intranet.example.com"
                  value={origins}
                  onChange={(e) => setOrigins(e.target.value)}
                  data-testid="embed-origins"
                  aria-describedby={`${ids.origins}-help`}
                />
                <div className="muted" id={`${ids.origins}-help`}>
                  Pages on these origins may drive the view through postMessage and get its answers. This planner's origin always may;
                  others get nothing.
                </div>
                {trust.warnings.map((w) => (
                  <div className="share-warn" key={w}>
                    {w}
                  </div>
                ))}
              </div>
              <span>Options</span>
              <div className="share-options">
                <label>
                  <input type="checkbox" checked={ui} onChange={(e) => setUi(e.target.checked)} /> Controls and legend
                </label>
                <label>
                  <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} /> Start paused
                </label>
                <label>
                  <input type="checkbox" checked={analysis} onChange={(e) => setAnalysis(e.target.checked)} /> Capacity figures
                </label>
              </div>
            </div>
            <div className="field">
              <label htmlFor={ids.snippet}>iframe snippet</label>
              <textarea id={ids.snippet} readOnly rows={4} value={snippet} data-testid="embed-snippet" onFocus={(e) => e.target.select()} />
              <div className="btn-row">
                <button className="btn primary" onClick={() => void copy(snippet, 'Snippet')} data-testid="copy-snippet">
                  Copy snippet
                </button>
                <button className="btn" onClick={() => void copy(embedUrl, 'Embed link')} data-testid="copy-embed-link">
                  Copy embed link
                </button>
                <span className={long(embedUrl.length) ? 'share-warn' : 'muted'}>{fmtInt(embedUrl.length)} characters</span>
              </div>
            </div>
          </fieldset>

          <div className="btn-row">
            <button className="btn" disabled={busy} onClick={() => void downloadStandalone()} data-testid="download-standalone">
              {busy ? 'Making the file ...' : 'Download standalone HTML'}
            </button>
            <span className="muted">One file with the viewer and this scenario; opens offline from disk, for talks without a network.</span>
          </div>
        </div>

        <section className="share-preview" aria-label="Live preview of the embed">
          <div className="muted">
            Live preview ({size.w} x {size.h}, shown at {Math.round(previewScale(size) * 100)}%)
          </div>
          <div className="share-preview-frame" style={{ width: size.w * previewScale(size), height: size.h * previewScale(size) }}>
            {showPreview ? (
              <iframe
                key={embedUrl}
                src={embedUrl}
                title={`Preview: ${scenario.name}`}
                width={size.w}
                height={size.h}
                style={{ border: 0, transform: `scale(${previewScale(size)})`, transformOrigin: '0 0' }}
                data-testid="embed-preview"
              />
            ) : (
              <button className="btn" onClick={() => setPreviewOn(true)} data-testid="show-preview">
                Show live preview ({fmtInt(total)} satellites: a second viewer beside the planner's)
              </button>
            )}
          </div>
        </section>
      </div>
      <div className="modal-foot">
        <button className="btn" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** The preview fits a 440 px wide column. */
function previewScale(size: { w: number; h: number }): number {
  return Math.min(1, 440 / size.w, 330 / size.h);
}
