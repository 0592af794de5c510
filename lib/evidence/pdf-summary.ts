import path from "node:path";
import PDFDocument from "pdfkit";

export type BarSeries = { label: string; segments: { name: string; value: number }[] };
export type Chart = { title: string; series: BarSeries[] };
export type Summary = {
  title: string;
  subtitle: string;
  facts: [string, string | number][];
  charts: Chart[];
  notes?: string[];
};

// Fonts ship in an npm package (DejaVu: wide Unicode coverage), never downloaded at build or run time.
const FONT_DIR = path.join(process.cwd(), /*turbopackIgnore: true*/ "node_modules/dejavu-fonts-ttf/ttf");
const REGULAR = path.join(FONT_DIR, "DejaVuSans.ttf");
const BOLD = path.join(FONT_DIR, "DejaVuSans-Bold.ttf");

const PALETTE = ["#16a34a", "#dc2626", "#2563eb", "#d97706", "#7c3aed", "#0891b2", "#64748b"];

/** A one-glance PDF summary: facts, then horizontal stacked bar charts drawn as vector paths. */
export function summaryPdf(summary: Summary, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    font: REGULAR,
    info: { Title: summary.title, Creator: "Warden", CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("bold", BOLD);
  doc.font("bold").fontSize(18).text(summary.title);
  doc.font(REGULAR).fontSize(10).fillColor("#475569").text(summary.subtitle).moveDown();
  doc.fillColor("#0f172a");
  for (const [label, value] of summary.facts) doc.fontSize(10).text(`${label}: ${value}`);
  for (const chart of summary.charts) drawChart(doc, chart);
  if (summary.notes?.length) {
    doc.moveDown().fontSize(9).fillColor("#475569");
    for (const n of summary.notes) doc.text(n);
  }
  doc.end();
  return done;
}

function drawChart(doc: PDFKit.PDFDocument, chart: Chart) {
  const names = [...new Set(chart.series.flatMap((s) => s.segments.map((g) => g.name)))];
  const colour = (name: string) => PALETTE[names.indexOf(name) % PALETTE.length];
  const max = Math.max(1, ...chart.series.map((s) => s.segments.reduce((a, g) => a + g.value, 0)));
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const barWidth = doc.page.width - left - doc.page.margins.right - labelWidth - 40;
  const rowHeight = 16;
  if (doc.y + 60 + chart.series.length * rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown().font("bold").fontSize(12).fillColor("#0f172a").text(chart.title, left);
  doc.font(REGULAR).fontSize(8);
  // Legend
  let x = left;
  const legendY = doc.y + 4;
  for (const name of names) {
    doc.rect(x, legendY, 8, 8).fill(colour(name));
    doc.fillColor("#334155").text(name, x + 11, legendY, { lineBreak: false });
    x += 16 + doc.widthOfString(name);
  }
  let y = legendY + 16;
  if (chart.series.length === 0) doc.fillColor("#64748b").text("No data in this period.", left, y);
  for (const s of chart.series) {
    if (y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.fillColor("#0f172a").text(s.label, left, y + 3, { width: labelWidth - 6, ellipsis: true, lineBreak: false });
    let bx = left + labelWidth;
    let total = 0;
    for (const g of s.segments) {
      const w = (g.value / max) * barWidth;
      if (w > 0) doc.rect(bx, y + 2, w, rowHeight - 5).fill(colour(g.name));
      bx += w;
      total += g.value;
    }
    doc.fillColor("#334155").text(String(total), bx + 4, y + 3, { lineBreak: false });
    y += rowHeight;
  }
  doc.x = left;
  doc.y = y + 6;
}
