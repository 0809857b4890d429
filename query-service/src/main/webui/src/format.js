// Figures as people read them.
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const fmt = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : number.format(v));
export const pct = (v) => (v === null || v === undefined ? '–' : `${number.format(v * 100)} %`);
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${number.format(seconds / 3600)} h`;
  return `${number.format(seconds / 86400)} d`;
}
