// The part of mermaid's xychart grammar the job summary uses, checked the way mermaid's lexer reads
// it (mermaid-js/mermaid packages/mermaid/src/diagrams/xychart/parser/xychart.jison): a string is
// `"` … `"` with no `"` inside; a number is `[+-]?(\d+(\.\d+)?|\.\d+)` (no exponent); `xychart-beta`
// is the keyword mermaid 10.5+ reads (GitHub renders with mermaid 10).

const STRING = '"[^"]*"';
const NUMBER = '[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
const list = (item: string) => `\\[\\s*${item}(?:\\s*,\\s*${item})*\\s*\\]`;

export interface XyChart {
  title: string;
  categories: string[];
  yRange?: [number, number];
  series: { kind: 'line' | 'bar'; values: number[] }[];
}

/** The ```mermaid blocks of a markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** Parses one xychart block; throws on anything mermaid's xychart lexer would not read as meant. */
export function parseXyChart(block: string): XyChart {
  const lines = block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines[0] !== 'xychart-beta') throw new Error(`not an xychart-beta block: ${lines[0]}`);
  const chart: XyChart = { title: '', categories: [], series: [] };
  const title = new RegExp(`^title (${STRING})$`);
  const xAxis = new RegExp(`^x-axis ${STRING} (${list(STRING)})$`);
  const yAxis = new RegExp(`^y-axis ${STRING}(?: (${NUMBER}) --> (${NUMBER}))?$`);
  const data = new RegExp(`^(line|bar) (${list(NUMBER)})$`);
  for (const line of lines.slice(1)) {
    const titled = title.exec(line);
    const x = xAxis.exec(line);
    const y = yAxis.exec(line);
    const series = data.exec(line);
    if (titled) chart.title = titled[1]!.slice(1, -1);
    else if (x) chart.categories = [...x[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    else if (y) {
      if (y[1] !== undefined) chart.yRange = [Number(y[1]), Number(y[2])];
    } else if (series)
      chart.series.push({
        kind: series[1] as 'line' | 'bar',
        values: [...series[2]!.matchAll(new RegExp(NUMBER, 'g'))].map((m) => Number(m[0])),
      });
    else throw new Error(`xychart line mermaid would not read as meant: ${line}`);
  }
  for (const series of chart.series) {
    if (series.values.length !== chart.categories.length)
      throw new Error(`${series.values.length} values for ${chart.categories.length} x-axis categories`);
  }
  return chart;
}
