// Who speaks, for the figures that compare actors: the actor of every source as SQL common table
// expressions, and one colour per actor type. A source whose actor is unknown (actor_type NULL
// with a basis) or was never recorded (no basis: added by make add without ACTOR=) gets a group of
// its own, after the vocabulary's types, so no statement drops out of a figure.

/** Positions after every type of raw/actor_types.yaml (a vocabulary far shorter than this). */
const unknownN = 1000;
const notRecordedN = 1001;

/**
 * Two CTEs, to follow `WITH`: `source_actors` (source_id, actor_type, actor_label, actor_n and the
 * source's date range and basis) and `actor_list` (every type of the vocabulary, with no statement
 * or not, then the unknown and not-recorded groups where sources fall in them).
 */
export const actorCtes = `
source_actors AS (
  SELECT s.source_id, s.date_start, s.date_end, s.date_basis,
    coalesce(s.actor_type, CASE WHEN s.actor_type_basis IS NULL THEN '(not recorded)' ELSE '(unknown)' END) AS actor_type,
    coalesce(t.label, CASE WHEN s.actor_type_basis IS NULL THEN 'Actor type not recorded' ELSE 'Unknown actor' END) AS actor_label,
    coalesce(t.n, CASE WHEN s.actor_type_basis IS NULL THEN ${notRecordedN} ELSE ${unknownN} END) AS actor_n
  FROM sources s LEFT JOIN actor_types t ON t.actor_type_id = s.actor_type
), actor_list AS (
  SELECT actor_type_id AS actor_type, label AS actor_label, n AS actor_n FROM actor_types
  UNION ALL
  SELECT DISTINCT actor_type, actor_label, actor_n FROM source_actors WHERE actor_n >= ${unknownN}
)`;

/** Colours in the order of raw/actor_types.yaml, from Observable's ten-colour palette (its grey is kept for the groups outside the vocabulary). */
const palette = ['#ff725c', '#4269d0', '#3ca951', '#a463f2', '#efb118', '#6cc5b0', '#9c6b4e', '#ff8ab7', '#97bbf5'];
const grey = '#9498a0';

/** One colour per group, by its position (actor_n): the vocabulary's types in palette order, the rest grey. */
export const actorColor = (actorN: number): string => (actorN >= unknownN ? grey : (palette[(actorN - 1) % palette.length] ?? grey));
