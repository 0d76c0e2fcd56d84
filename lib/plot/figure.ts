/**
 * Plotly figures: the one figure type every plotting function of the toolkit returns, shown inline in a tslab
 * notebook with no network access (plotly.js is read from node_modules, never from a CDN) and writable to a
 * standalone HTML file.
 */
import type { Config, Data, Layout } from "plotly.js";

/** A plotly figure: traces, layout and config, exactly as `Plotly.newPlot` takes them. */
export interface Figure {
  data: Partial<Data>[] | Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

/**
 * The colour scale of every loading heatmap (plan, OPF, balance): plotly's YlOrRd runs from dark red at 0 to yellow
 * at 1, so it is reversed — heavy loading is red.
 */
export const LOADING_COLOR_SCALE = { colorscale: "YlOrRd", reversescale: true } as const;

/** A figure with a default layout filled in (white template, readable margins), without mutating the input. */
export function withDefaults(fig: Figure): Figure {
  return {
    data: fig.data,
    layout: {
      // Room on the right for a second y axis's tick labels and title.
      margin: { l: 60, r: fig.layout?.yaxis2?.side === "right" ? 80 : 20, t: 50, b: 50 },
      ...fig.layout,
    },
    config: { responsive: true, displaylogo: false, ...fig.config },
  };
}
