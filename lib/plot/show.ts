/**
 * Showing figures and tables inline in a tslab notebook.
 *
 * Each figure is sent as one display bundle with two representations: plotly's own mime type
 * (`application/vnd.plotly.v1+json`, rendered natively by front ends that know it) and a light `text/html`
 * fallback (a div and a few lines of script). The plotly.js bundle itself is sent once per kernel (the first time
 * something is shown), never once per figure, and always from node_modules, so notebooks work offline.
 */
import { type Figure, withDefaults } from "./figure";
import { figureSnippet, htmlTable, plotlyScriptTag } from "./html";

type DisplayBundle = { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> };
type WriteDisplay = (bundle: DisplayBundle, update: boolean) => void;

let bundleSent = false;

/** The kernel's display channel when running inside tslab, else undefined. */
function kernelDisplay(): WriteDisplay | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: WriteDisplay | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** True when running inside a tslab kernel that can display rich output. */
export function inNotebook(): boolean {
  return kernelDisplay() !== undefined;
}

function send(data: Record<string, unknown>): boolean {
  const write = kernelDisplay();
  if (!write) return false;
  if (!bundleSent) {
    bundleSent = true;
    write({ data: { "text/html": plotlyScriptTag(), "text/plain": "(plotly.js loaded)" }, metadata: {}, transient: {} }, false);
  }
  write({ data, metadata: {}, transient: {} }, false);
  return true;
}

/**
 * Shows a figure inline in a tslab notebook. Outside a notebook it prints a one-line summary instead, so library
 * code and scripts may call it freely.
 */
export function show(fig: Figure): void {
  const f = withDefaults(fig);
  const title = typeof f.layout?.title === "string" ? f.layout.title : (f.layout?.title as { text?: string } | undefined)?.text ?? "";
  const sent = send({
    "application/vnd.plotly.v1+json": { data: f.data, layout: f.layout, config: f.config },
    "text/html": figureSnippet(f),
    "text/plain": `<plotly figure: ${f.data.length} trace(s)${title ? `, "${title}"` : ""}>`,
  });
  if (!sent) console.log(`[figure] ${title || "(untitled)"}: ${f.data.length} trace(s)`);
}

/** Shows rows (plain objects or typed rows such as `SiteRow`) as an HTML table in a notebook (plain text elsewhere). */
export function showTable(rows: readonly object[], digits = 4): void {
  const sent = send({ "text/html": htmlTable(rows, digits), "text/plain": JSON.stringify(rows) });
  if (!sent) console.table(rows);
}

/** Shows a link in a notebook (a plain line elsewhere), e.g. to a page written beside the notebook's outputs. */
export function showLink(href: string, label: string): void {
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  if (!send({ "text/html": `<a href="${esc(href)}" target="_blank">${esc(label)}</a>`, "text/plain": `${label}: ${href}` })) console.log(`${label}: ${href}`);
}
