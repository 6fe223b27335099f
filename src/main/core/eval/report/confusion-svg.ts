/** A confusion matrix as a standalone SVG heat map (rows: truth, columns: prediction; shade by row share). */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function confusionSvg(classes: readonly string[], matrix: readonly (readonly number[])[], cell = 34): string {
  const label = 110;
  const size = classes.length * cell;
  const parts: string[] = [];
  matrix.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((n, p) => {
      const share = total > 0 ? n / total : 0;
      // Diagonal in blue, confusions in red: errors stand out at a glance.
      const hue = t === p ? 210 : 0;
      const fill = n === 0 ? '#f4f4f4' : `hsl(${hue}, 70%, ${Math.round(95 - share * 55)}%)`;
      const x = label + p * cell;
      const y = label + t * cell;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"><title>${esc(classes[t]!)} → ${esc(classes[p]!)}: ${n}</title></rect>`);
      if (n > 0) parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="11" fill="${share > 0.6 ? '#fff' : '#222'}">${n}</text>`);
    });
  });
  classes.forEach((c, i) => {
    parts.push(`<text x="${label - 6}" y="${label + i * cell + cell / 2 + 4}" text-anchor="end" font-size="11">${esc(c)}</text>`);
    const x = label + i * cell + cell / 2;
    parts.push(`<text x="${x}" y="${label - 6}" font-size="11" transform="rotate(-45 ${x} ${label - 6})">${esc(c)}</text>`);
  });
  const w = label + size + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${w}" viewBox="0 0 ${w} ${w}" font-family="sans-serif" role="img" aria-label="confusion matrix">${parts.join('')}<text x="4" y="14" font-size="11" fill="#666">rows: truth · columns: predicted</text></svg>`;
}
