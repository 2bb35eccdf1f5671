import { rgb } from 'pdf-lib';
import { drawable, GREY, type TArea, type TPdfFonts, type TRgb } from './pdf-flow.ts';

// Charts drawn with pdf-lib's own shapes (no image, no font beyond the standard ones): horizontal bars of
// a score out of 100, and a line of a score over calendar days. Both take their values as given.

const AXIS = rgb(0.75, 0.75, 0.75);

export interface TBar {
  label: string;
  /** 0 to 100, or null when there is nothing to score (drawn as "n/a"). */
  value: number | null;
  color: TRgb;
}

/** One labelled horizontal bar per item, on a 0 to 100 scale. */
export function drawBarChart(area: TArea, fonts: TPdfFonts, bars: TBar[]): void {
  const { page } = area;
  const size = 9;
  const labelWidth = 140;
  const valueWidth = 40;
  const track = area.width - labelWidth - valueWidth;
  const row = bars.length > 0 ? Math.min(22, area.height / bars.length) : area.height;
  bars.forEach((bar, i) => {
    const top = area.y + area.height - i * row;
    const mid = top - row / 2;
    page.drawText(drawable(fonts.regular, bar.label), {
      x: area.x,
      y: mid - size / 3,
      size,
      font: fonts.regular,
    });
    const x = area.x + labelWidth;
    const height = row * 0.6;
    page.drawRectangle({ x, y: mid - height / 2, width: track, height, color: rgb(0.94, 0.94, 0.94) });
    const value = bar.value ?? 0;
    if (value > 0)
      page.drawRectangle({
        x,
        y: mid - height / 2,
        width: (track * Math.min(100, value)) / 100,
        height,
        color: rgb(...bar.color),
      });
    page.drawText(bar.value === null ? 'n/a' : `${bar.value}%`, {
      x: x + track + 6,
      y: mid - size / 3,
      size,
      font: fonts.bold,
    });
  });
}

export interface TPoint {
  /** YYYY-MM-DD */
  day: string;
  value: number | null;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** A line of a 0 to 100 score over days, days spaced by the calendar (gaps where a day has no value). */
export function drawLineChart(area: TArea, fonts: TPdfFonts, points: TPoint[], color: TRgb): void {
  const { page } = area;
  const size = 8;
  const left = area.x + 28;
  const bottom = area.y + 14;
  const width = area.width - 28;
  const height = area.height - 20;
  for (const level of [0, 50, 100]) {
    const y = bottom + (height * level) / 100;
    page.drawLine({ start: { x: left, y }, end: { x: left + width, y }, thickness: 0.4, color: AXIS });
    page.drawText(`${level}%`, {
      x: area.x,
      y: y - size / 3,
      size,
      font: fonts.regular,
      color: rgb(...GREY),
    });
  }
  const known = points.filter((p): p is { day: string; value: number } => p.value !== null);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || known.length === 0) {
    page.drawText('No readiness recorded yet', {
      x: left + 8,
      y: bottom + height / 2,
      size: 9,
      font: fonts.regular,
      color: rgb(...GREY),
    });
    return;
  }
  const span = Math.max(1, dayNumber(last.day) - dayNumber(first.day));
  const at = (p: { day: string; value: number }) => ({
    x: left + (width * (dayNumber(p.day) - dayNumber(first.day))) / span,
    y: bottom + (height * Math.max(0, Math.min(100, p.value))) / 100,
  });
  let previous: { x: number; y: number } | null = null;
  for (const point of points) {
    if (point.value === null) {
      previous = null;
      continue;
    }
    const here = at({ day: point.day, value: point.value });
    if (previous) page.drawLine({ start: previous, end: here, thickness: 1.5, color: rgb(...color) });
    previous = here;
  }
  if (known.length === 1 && known[0]) {
    const only = at(known[0]);
    page.drawCircle({ x: only.x, y: only.y, size: 2.5, color: rgb(...color) });
  }
  page.drawText(first.day, { x: left, y: area.y, size, font: fonts.regular, color: rgb(...GREY) });
  if (last.day !== first.day) {
    const text = last.day;
    page.drawText(text, {
      x: left + width - fonts.regular.widthOfTextAtSize(text, size),
      y: area.y,
      size,
      font: fonts.regular,
      color: rgb(...GREY),
    });
  }
}
