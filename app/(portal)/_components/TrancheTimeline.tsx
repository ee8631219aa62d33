import type { TrancheDto } from "@/lib/features/grants/readModel/grantReads";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { TIMELINE_MARGIN, timelineRange, timelineScale, yearStarts } from "./timelineScale";

/** A blackout window as the timeline draws it; `to` is the inclusive last day. */
export type TimelineBlackout = { id: string; from: string; to: string; label: string };

/** Translated words the timeline needs; `statusLabel` names a tranche status. */
export type TimelineLabels = {
  title: string;
  today: string;
  window: string;
  earliest: string;
  vested: string;
  blackout: string;
  statusLabel: (status: string) => string;
};

/** Props of TrancheTimeline; `grantDate` starts the axis, `id` keeps ids unique when several timelines share a page. */
export type TrancheTimelineProps = {
  tranches: TrancheDto[];
  blackouts: TimelineBlackout[];
  today: string;
  labels: TimelineLabels;
  grantDate?: string;
  id?: string;
  /** Width of the drawing in viewBox units; text keeps its size, so a wider drawing suits a wider screen. */
  viewWidth?: number;
};

// Geometry in viewBox units. At 800 wide a 390 px phone scales by ~0.49, so 24 units still
// renders at ~12 px; the height depends only on the tranche count, so nothing shifts on load.
const DEFAULT_WIDTH = 800;
const HEADER = 44;
const ROW = 76;
const FOOTER = 52;
const LABEL_FONT = 24;
const TICK_FONT = 22;
const BAR_OFFSET = 40;
const BAR_HEIGHT = 24;
const INK = "#0f172a";
const MUTED_INK = "#475569";
const GRID = "#e2e8f0";
const BLACKOUT_FILL = "#f59e0b";

const STATUS_FILL: Record<TrancheDto["status"], string> = {
  vested: "#059669",
  vestable: "#1f5fbf",
  pending: "#64748b",
  lapsed: "#e11d48",
};

/** An SVG timeline of one grant's tranche windows against blackout windows, with a text twin in <desc>. */
export function TrancheTimeline({
  tranches,
  blackouts,
  today,
  labels,
  grantDate,
  id,
  viewWidth = DEFAULT_WIDTH,
}: TrancheTimelineProps) {
  const WIDTH = viewWidth;
  if (tranches.length === 0) return null;
  const rows = [...tranches].sort((a, b) => a.index - b.index);
  const height = HEADER + rows.length * ROW + FOOTER;
  const range = timelineRange(rows, today, grantDate);
  const scale = timelineScale(range.from, range.to, WIDTH);
  // Hundredths of a unit are far below a device pixel and keep the markup short.
  const x = (iso: string) => Math.round(scale(iso) * 100) / 100;
  const plotTop = HEADER - 8;
  const plotBottom = HEADER + rows.length * ROW;
  const bands = blackouts.filter((b) => b.from < range.to && b.to >= range.from);
  const showToday = today >= range.from && today < range.to;
  const prefix = `timeline-${id ?? contentKey(rows)}`;
  const markers = rows.map(markerOf);
  const summary = [
    ...rows.map((t, i) => describeTranche(t, markers[i] ?? null, labels)),
    ...bands.map((b) => `${labels.blackout}: ${b.label} (${b.from} – ${b.to}).`),
    ...(showToday ? [`${labels.today}: ${today}.`] : []),
  ].join(" ");

  return (
    <svg
      role="img"
      aria-labelledby={`${prefix}-title ${prefix}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      className="block h-auto w-full"
      data-testid="tranche-timeline"
    >
      <title id={`${prefix}-title`}>{labels.title}</title>
      <desc id={`${prefix}-desc`}>{summary}</desc>
      <YearAxis width={WIDTH} from={range.from} to={range.to} x={x} top={plotTop} bottom={plotBottom} />
      {bands.map((b) => {
        const x1 = x(b.from > range.from ? b.from : range.from);
        const x2 = x(addDays(b.to, 1) < range.to ? addDays(b.to, 1) : range.to);
        return (
          <rect
            key={`${b.id}:${b.from}`}
            x={x1}
            y={plotTop}
            width={Math.max(x2 - x1, 2)}
            height={plotBottom - plotTop}
            fill={BLACKOUT_FILL}
            fillOpacity={0.28}
          >
            <title>{`${labels.blackout}: ${b.label} (${b.from} – ${b.to})`}</title>
          </rect>
        );
      })}
      {rows.map((t, i) => (
        <TrancheRow
          width={WIDTH}
          key={t.index}
          tranche={t}
          marker={markers[i] ?? null}
          top={HEADER + i * ROW}
          x={x}
          axisEnd={range.to}
          labels={labels}
        />
      ))}
      {showToday && (
        <line
          x1={x(today)}
          x2={x(today)}
          y1={plotTop}
          y2={plotBottom + 8}
          stroke={INK}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
      )}
      <Legend
        y={plotBottom + 36}
        blackout={bands.length > 0 ? labels.blackout : null}
        today={showToday ? labels.today : null}
      />
    </svg>
  );
}

type Marker = { date: string; vested: boolean };

// A vested tranche is pinned to its vesting date; an open one to the earliest day it may vest.
function markerOf(t: TrancheDto): Marker | null {
  if (t.status === "vested" && t.vestingDate !== null) return { date: t.vestingDate, vested: true };
  if ((t.status === "pending" || t.status === "vestable") && t.earliestVestingDate !== null)
    return { date: t.earliestVestingDate, vested: false };
  return null;
}

function describeTranche(t: TrancheDto, marker: Marker | null, labels: TimelineLabels): string {
  const parts = [`${labels.window} ${t.windowOpen ?? "—"} – ${t.windowClose ?? "—"}`, labels.statusLabel(t.status)];
  if (marker) parts.push(`${marker.vested ? labels.vested : labels.earliest} ${marker.date}`);
  return `${t.index}. ${parts.join(", ")}.`;
}

function TrancheRow({
  tranche: t,
  marker,
  top,
  x,
  axisEnd,
  labels,
  width: WIDTH,
}: {
  tranche: TrancheDto;
  marker: Marker | null;
  top: number;
  x: (iso: string) => number;
  axisEnd: string;
  labels: TimelineLabels;
  width: number;
}) {
  const fill = STATUS_FILL[t.status];
  const status = labels.statusLabel(t.status);
  const markerText = marker ? `${marker.vested ? labels.vested : labels.earliest} ${marker.date}` : null;
  const barY = top + BAR_OFFSET;
  let heading = `${t.index}. ${status}${markerText ? ` · ${markerText}` : ""}`;
  // No text measuring on the server: when the estimate overflows, drop the marker's word, keep its date.
  if (marker && estimateWidth(heading, LABEL_FONT) > WIDTH - 2 * TIMELINE_MARGIN)
    heading = `${t.index}. ${status} · ${marker.date}`;
  const x1 = t.windowOpen !== null ? x(t.windowOpen) : null;
  const x2 = t.windowClose !== null ? x(addDays(t.windowClose, 1)) : x(axisEnd);
  return (
    <g>
      <text x={TIMELINE_MARGIN} y={top + 28} fontSize={LABEL_FONT} fill={INK}>
        {heading}
      </text>
      {x1 !== null && (
        <rect
          x={x1}
          y={barY}
          width={Math.max(x2 - x1, 4)}
          height={BAR_HEIGHT}
          rx={6}
          fill={fill}
          fillOpacity={t.windowClose === null ? 0.45 : 1}
          stroke={fill}
          strokeWidth={t.windowClose === null ? 2 : 0}
          strokeDasharray={t.windowClose === null ? "8 5" : undefined}
        >
          <title>{`${t.index}. ${labels.window} ${t.windowOpen} – ${t.windowClose ?? "—"} · ${status}`}</title>
        </rect>
      )}
      {marker && (
        <circle
          cx={x(marker.date)}
          cy={barY + BAR_HEIGHT / 2}
          r={10}
          fill={marker.vested ? INK : "#ffffff"}
          stroke={marker.vested ? "#ffffff" : INK}
          strokeWidth={3}
        >
          <title>{`${t.index}. ${markerText}`}</title>
        </circle>
      )}
    </g>
  );
}

function YearAxis({
  from,
  to,
  x,
  top,
  bottom,
  width: WIDTH,
}: {
  from: string;
  to: string;
  x: (iso: string) => number;
  top: number;
  bottom: number;
  width: number;
}) {
  const starts = yearStarts(from, to);
  const labelWidth = estimateWidth("0000", TICK_FONT) + 12;
  const yearWidth = starts.length > 1 ? x(starts[1] as string) - x(starts[0] as string) : Infinity;
  // Long grants crowd the axis: label every n-th year so labels never overlap.
  const step = Math.max(1, Math.ceil(labelWidth / yearWidth));
  const firstTick = starts[0] !== undefined ? x(starts[0]) : Infinity;
  return (
    <g fontSize={TICK_FONT} fill={MUTED_INK}>
      {firstTick - TIMELINE_MARGIN >= labelWidth && (
        <text x={TIMELINE_MARGIN} y={28}>
          {from.slice(0, 4)}
        </text>
      )}
      {starts.map((jan1, i) => {
        const tx = x(jan1);
        const nearRightEdge = tx + labelWidth > WIDTH;
        return (
          <g key={jan1}>
            <line x1={tx} x2={tx} y1={top} y2={bottom} stroke={GRID} strokeWidth={2} />
            {i % step === 0 && (
              <text x={nearRightEdge ? tx - 6 : tx + 6} y={28} textAnchor={nearRightEdge ? "end" : "start"}>
                {jan1.slice(0, 4)}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function Legend({ y, blackout, today }: { y: number; blackout: string | null; today: string | null }) {
  const todayX = TIMELINE_MARGIN + (blackout !== null ? 36 + estimateWidth(blackout, TICK_FONT) + 32 : 0);
  return (
    <g fontSize={TICK_FONT} fill={MUTED_INK}>
      {blackout !== null && (
        <>
          <rect
            x={TIMELINE_MARGIN}
            y={y - 17}
            width={26}
            height={20}
            fill={BLACKOUT_FILL}
            fillOpacity={0.28}
            stroke={BLACKOUT_FILL}
            strokeWidth={1}
          />
          <text x={TIMELINE_MARGIN + 36} y={y}>
            {blackout}
          </text>
        </>
      )}
      {today !== null && (
        <>
          <line
            x1={todayX + 10}
            x2={todayX + 10}
            y1={y - 20}
            y2={y + 4}
            stroke={INK}
            strokeWidth={2}
            strokeDasharray="6 4"
          />
          <text x={todayX + 26} y={y}>
            {today}
          </text>
        </>
      )}
    </g>
  );
}

// Rough advance widths: CJK and other wide scripts take a full em, Latin digits and letters ~0.6.
function estimateWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) ?? 0) >= 0x1100 ? 1 : 0.6;
  return ems * fontSize;
}

// Deterministic, so ids are stable between renders, yet two different grants on one page get different ids.
function contentKey(rows: TrancheDto[]): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(
    rows.map((t) => [t.index, t.windowOpen, t.windowClose, t.status, t.earliestVestingDate, t.vestingDate]),
  )) {
    hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
