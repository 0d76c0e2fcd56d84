/**
 * HTML rendering of plotly figures: a snippet per figure and a standalone page with plotly.js embedded once.
 */
import * as fs from "fs";
import * as path from "path";
import { ArgumentError } from "../util/errors";
import { type Figure, withDefaults } from "./figure";

let bundleCache: string | undefined;

/** The plotly.js bundle (minified, ~3.5 MB) read from node_modules; cached after the first read. */
export function plotlyBundle(): string {
  if (bundleCache === undefined) {
    const file = require.resolve("plotly.js-dist-min/plotly.min.js");
    bundleCache = fs.readFileSync(file, "utf8");
  }
  return bundleCache;
}

/** Escapes a JSON text so that it can sit inside a `<script>` element. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

let divCounter = 0;

/** A unique element id for a figure div. */
export function newDivId(): string {
  divCounter += 1;
  return `evsp-fig-${process.pid}-${Date.now().toString(36)}-${divCounter}`;
}

/**
 * An HTML snippet that draws `fig` into its own div once `window.Plotly` exists (it waits for the bundle, which the
 * page loads once).
 */
export function figureSnippet(fig: Figure, divId: string = newDivId()): string {
  const f = withDefaults(fig);
  const height = typeof f.layout?.height === "number" ? `${f.layout.height}px` : "450px";
  return [
    `<div id="${divId}" class="evsp-figure" style="width:100%;height:${height};"></div>`,
    "<script>(function(){",
    `var fig=${scriptSafeJson(f)};`,
    "function draw(){var el=document.getElementById(" + JSON.stringify(divId) + ");",
    "if(window.Plotly&&el){window.Plotly.newPlot(el,fig.data,fig.layout,fig.config);}else{setTimeout(draw,40);}}",
    "draw();})();</script>",
  ].join("");
}

/** A `<script>` element holding the whole plotly.js bundle. */
export function plotlyScriptTag(): string {
  return `<script type="text/javascript">${plotlyBundle()}</script>`;
}

/** A section of a standalone page: an optional heading and text, then figures and/or raw HTML. */
export interface HtmlSection {
  title?: string;
  /** Trusted HTML placed under the heading (tables, paragraphs). */
  html?: string;
  figures?: Figure[];
}

/** Options of {@link pageHtml}. */
export interface PageOptions {
  /** Page title. Default "evsp". */
  title?: string;
  /** Extra CSS. */
  css?: string;
}

const BASE_CSS = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}
h1,h2,h3{font-weight:600}.evsp-figure{margin:1em 0}`;

/** A complete, offline HTML page: plotly.js embedded once, then every section. */
export function pageHtml(sections: HtmlSection[] | Figure[], options: PageOptions = {}): string {
  const { title = "evsp", css = "" } = options;
  const secs: HtmlSection[] = (sections as Array<HtmlSection | Figure>).map((s) =>
    "data" in s ? { figures: [s as Figure] } : (s as HtmlSection),
  );
  const body = secs
    .map((s) =>
      [
        s.title ? `<h2>${escapeHtml(s.title)}</h2>` : "",
        s.html ?? "",
        ...(s.figures ?? []).map((f) => figureSnippet(f)),
      ].join("\n"),
    )
    .join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${BASE_CSS}${css}</style>`,
    plotlyScriptTag(),
    "</head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    "</body></html>",
  ].join("\n");
}

/** A paragraph of plain text, escaped. */
export function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

/** Writes {@link pageHtml} to `file` (folders created). Returns the absolute path. */
export function writeHtml(file: string, sections: HtmlSection[] | Figure[], options: PageOptions = {}): string {
  if (!file) throw new ArgumentError("writeHtml", "file must be a non-empty path");
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, pageHtml(sections, options));
  return abs;
}

/** Escapes text for HTML element content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** An HTML table from rows of plain values (numbers formatted to `digits` significant digits). */
export function htmlTable(rows: readonly object[], digits = 4): string {
  if (rows.length === 0) return "<table></table>";
  const cols = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  const cell = (r: object, c: string): unknown => (r as Record<string, unknown>)[c];
  const fmt = (v: unknown): string =>
    typeof v === "number" ? (Number.isInteger(v) ? String(v) : Number(v.toPrecision(digits)).toString()) : escapeHtml(String(v ?? ""));
  return [
    "<table><thead><tr>",
    ...cols.map((c) => `<th>${escapeHtml(c)}</th>`),
    "</tr></thead><tbody>",
    ...rows.map((r) => `<tr>${cols.map((c) => `<td>${fmt(cell(r, c))}</td>`).join("")}</tr>`),
    "</tbody></table>",
  ].join("");
}
